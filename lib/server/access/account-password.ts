import "server-only";
import { ZChangePassword } from "@/lib/auth/account-schemas";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/server/access/actor";
import { hashPassword, verifyPassword } from "@/lib/server/access/password";
import { endSessionsOfUser } from "@/lib/server/access/sessions";
import { endStreak, reservePairAttempt, retryMessage } from "@/lib/server/access/rate-limit";
import { auditAccount } from "@/lib/server/platform/audit";
import { db } from "@/lib/server/platform/db";

/**
 * A person changes their own password, proving they know the current one; every other session ends, so a
 * stolen session does not outlive the change. `currentSession` is the token of the session making the request.
 */
export async function changeOwnPassword(actor: Actor, currentSession: string, raw: unknown, requestId: string) {
  if (actor.via !== "session")
    throw new AppError("FORBIDDEN", "Change your password in the console, not with an API key.");
  const input = ZChangePassword.parse(raw);
  // The current password is guessed against the same back-off as the sign-in form, per account: holding a
  // session must not make the password itself cheaper to find (ADR 014).
  const streak = `pair:change-password|${actor.userId}`;
  const reserved = await reservePairAttempt(streak);
  if (!reserved.ok) throw new AppError("RATE_LIMITED", retryMessage(reserved.retryAt, "password checks"));
  const user = await db().user.findUniqueOrThrow({ where: { id: actor.userId } });
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new AppError("VALIDATION", "The current password is not correct.", [
      { field: "currentPassword", message: "Not your current password" },
    ]);
  }
  await endStreak(streak);
  const passwordHash = await hashPassword(input.newPassword);
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { passwordHash } });
    await endSessionsOfUser(actor.userId, currentSession, tx);
    await auditAccount(actor.userId, "change-password", { email: actor.email, via: actor.via, requestId }, tx);
  });
}

/** "Sign out everywhere": every session of the user ends, this one included. */
export async function signOutEverywhere(actor: Actor, requestId: string) {
  await db().$transaction(async (tx) => {
    await endSessionsOfUser(actor.userId, undefined, tx);
    await auditAccount(actor.userId, "sign-out-everywhere", { email: actor.email, via: actor.via, requestId }, tx);
  });
}
