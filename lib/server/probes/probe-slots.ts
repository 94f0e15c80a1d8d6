import "server-only";
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/sqlite/client";
import type { OrgContext } from "@/lib/server/access/require-org";
import { probeConcurrency } from "@/lib/server/platform/config";
import { db } from "@/lib/server/platform/db";
import { logger } from "@/lib/server/platform/logger";

/**
 * At most PROBE_CONCURRENCY connection tests run at once per organization, counted by the database so every
 * instance on it agrees (ADR 023). A test claims one of the slot numbers 0…N−1 — the (orgId, slot) key is unique —
 * under a lease it renews while it runs; an instance that dies stops renewing, and its slot is free once the lease
 * lapses. A scan may outlast any fixed deadline, so the lease is renewed rather than sized to the longest test.
 */
export const LEASE_MS = 30_000;
const RENEW_EVERY_MS = 10_000;

export interface SlotClaim {
  orgId: string;
  slot: number;
  holder: string;
}

const ms = (v: number) => Prisma.sql`CAST(${BigInt(v)} AS BIGINT)`;

/**
 * The slots held now are read first, so a claim usually costs one read and one write; the write decides: one
 * statement per free-looking slot inserts it, or takes it over when its lease has lapsed. RETURNING yields a row only
 * when this statement wrote it, so two instances racing for the same slot cannot both win it (SQLite and PostgreSQL).
 */
export async function claimProbeSlot(orgId: string, limit: number, now = Date.now()): Promise<SlotClaim | null> {
  const holder = randomUUID();
  const held = await db().probeSlot.findMany({
    where: { orgId, expiresAt: { gt: BigInt(now) } },
    select: { slot: true },
  });
  const busy = new Set(held.map((h) => h.slot));
  for (let slot = 0; slot < limit; slot++) {
    if (busy.has(slot)) continue;
    const rows = await db().$queryRaw<{ holder: string }[]>`
      INSERT INTO "ProbeSlot" ("orgId", "slot", "holder", "expiresAt")
      VALUES (${orgId}, ${slot}, ${holder}, ${ms(now + LEASE_MS)})
      ON CONFLICT ("orgId", "slot") DO UPDATE SET "holder" = excluded."holder", "expiresAt" = excluded."expiresAt"
      WHERE "ProbeSlot"."expiresAt" <= ${ms(now)}
      RETURNING "holder"`;
    if (rows[0]?.holder === holder) return { orgId, slot, holder };
  }
  return null;
}

/** Extends the lease; only the holder's own row is touched, so a slot taken over after a lapse stays with its taker. */
async function renewProbeSlot(claim: SlotClaim, now = Date.now()): Promise<void> {
  await db().probeSlot.updateMany({
    where: { orgId: claim.orgId, slot: claim.slot, holder: claim.holder },
    data: { expiresAt: BigInt(now + LEASE_MS) },
  });
}

export async function releaseProbeSlot(claim: SlotClaim): Promise<void> {
  await db().probeSlot.deleteMany({ where: { orgId: claim.orgId, slot: claim.slot, holder: claim.holder } });
}

function tooManyTests(limit: number, orgName: string): AppError {
  const running = limit === 1 ? "1 test is" : `${limit} tests are`;
  return new AppError("RATE_LIMITED", `${running} already running in ${orgName}; try again when one finishes.`);
}

/** Runs `work` holding a slot of the organization, or refuses at once (429) when all are taken. */
export async function withProbeSlot<T>(ctx: OrgContext, work: () => Promise<T>): Promise<T> {
  const limit = probeConcurrency();
  const claim = await claimProbeSlot(ctx.org.id, limit);
  if (!claim) throw tooManyTests(limit, ctx.org.name);
  const renewal = setInterval(() => {
    renewProbeSlot(claim).catch((e: unknown) =>
      logger.warn({ err: e, requestId: ctx.requestId }, "connection test slot not renewed"),
    );
  }, RENEW_EVERY_MS);
  renewal.unref();
  try {
    return await work();
  } finally {
    clearInterval(renewal);
    await releaseProbeSlot(claim);
  }
}
