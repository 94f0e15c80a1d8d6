import "server-only";
import { AppError } from "@/lib/errors";
import type { OrgContext } from "@/lib/server/access/require-org";
import { reserveInWindow, retryMessage } from "@/lib/server/access/rate-limit";

/**
 * Test sends and "Check now" run on demand: each reaches out (to a tenant-chosen host or mailbox) or starts a
 * delivery run for every organization, so each person may start only so many per window, counted in the database
 * so every instance agrees.
 */
export const MANUAL_LIMITS = {
  testSend: { max: 10, windowMs: 10 * 60_000, what: "test notifications" },
  checkNow: { max: 5, windowMs: 10 * 60_000, what: "manual checks" },
};

export async function reserveManual(ctx: OrgContext, kind: keyof typeof MANUAL_LIMITS, now = Date.now()) {
  const limit = MANUAL_LIMITS[kind];
  const reservation = await reserveInWindow(`${kind}:${ctx.org.id}:${ctx.actor.userId}`, limit, now);
  if (!reservation.ok) throw new AppError("RATE_LIMITED", retryMessage(reservation.retryAt, limit.what, now));
}
