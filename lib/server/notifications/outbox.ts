import "server-only";
import { randomUUID } from "node:crypto";
import { nextAttemptAt } from "@/lib/tls/notifications";
import { db, type Db } from "@/lib/server/platform/db";

/**
 * The outbox is the Notice table: instances claim due rows with a conditional UPDATE (unclaimed, or the claim's
 * lease has run out), which both databases serialise per row, so a row is sent by one instance at a time. A lease
 * outlives the longest send (the webhook deadline), so an instance that dies mid-send frees its rows for the next run.
 */
const LEASE_MS = 2 * 60_000;

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const due = (now: Date) => ({
  status: "pending",
  nextAttemptAt: { lte: now },
  OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }],
});

export const newClaim = (now: Date) => ({ claimedBy: randomUUID(), claimedUntil: new Date(now.getTime() + LEASE_MS) });
type Claim = ReturnType<typeof newClaim>;

/** Claims every due e-mail notice of one organization at once: they go out as one digest. */
export async function claimEmailNotices(orgId: string, now: Date, claim: Claim) {
  await db().notice.updateMany({ where: { orgId, channel: "email", ...due(now) }, data: claim });
  return db().notice.findMany({
    where: { claimedBy: claim.claimedBy },
    orderBy: [{ thresholdDays: "asc" }, { id: "asc" }],
  });
}

/** Organizations with e-mail notices due. */
export async function orgsWithDueEmail(now: Date): Promise<string[]> {
  const rows = await db().notice.findMany({
    where: { channel: "email", ...due(now) },
    select: { orgId: true },
    distinct: ["orgId"],
  });
  return rows.map((r) => r.orgId);
}

/** Due webhook notices, oldest first; each is claimed on its own just before it is sent. */
export function dueWebhookNotices(now: Date, limit: number) {
  return db().notice.findMany({
    where: { webhookId: { not: null }, ...due(now) },
    select: { id: true },
    orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
    take: limit,
  });
}

/** Claims one notice: null when another instance claimed it first (or it is no longer due). */
export async function claimNotice(id: string, now: Date, claim: Claim) {
  const { count } = await db().notice.updateMany({ where: { id, ...due(now) }, data: claim });
  return count === 1 ? db().notice.findUnique({ where: { id } }) : null;
}

type Notice = NonNullable<Awaited<ReturnType<typeof claimNotice>>>;

/** After an attempt: sent, or due again by the retry schedule, or given up (failed). Only the claim's holder writes. */
export async function settle(notice: Notice, claimedBy: string, now: Date, sent: boolean): Promise<Date | null> {
  const attempts = notice.attempts + 1;
  const retryAt = sent ? null : nextAttemptAt(now, attempts, notice.giveUpAt);
  await db().notice.updateMany({
    where: { id: notice.id, claimedBy },
    data: {
      attempts,
      claimedBy: null,
      claimedUntil: null,
      ...(sent ? { status: "sent", sentAt: now } : retryAt ? { nextAttemptAt: retryAt } : { status: "failed" }),
    },
  });
  return retryAt;
}

/**
 * Pending notices for material no longer held by the organization (a keystore rotated, a certificate removed, a
 * store deleted) are dropped: nobody needs to hear about a certificate that is gone. Sent and covered records stay.
 */
export async function dropVanishedNotices(tx: Tx | Db, orgId: string): Promise<number> {
  const pending = await tx.notice.findMany({
    where: { orgId, status: "pending" },
    select: { id: true, fingerprint: true },
  });
  if (pending.length === 0) return 0;
  const present = new Set(
    (
      await tx.certificate.findMany({
        where: { orgId, sha256: { in: [...new Set(pending.map((p) => p.fingerprint))] } },
        select: { sha256: true },
      })
    ).map((c) => c.sha256),
  );
  const gone = pending.filter((p) => !present.has(p.fingerprint)).map((p) => p.id);
  if (gone.length === 0) return 0;
  const { count } = await tx.notice.deleteMany({ where: { id: { in: gone }, status: "pending" } });
  return count;
}
