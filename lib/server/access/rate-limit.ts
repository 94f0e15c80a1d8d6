import "server-only";
import { randomUUID } from "node:crypto";
import { Prisma } from "@/lib/generated/sqlite/client";
import { db } from "@/lib/server/platform/db";

export const SIGN_IN_LIMITS = {
  /**
   * Per (account, IP): the first `free` attempts of a streak go through; after each later one the pair waits
   * twice as long, up to `maxDelayMs`. A success ends the streak; so do `forgetAfterMs` without attempts.
   */
  pair: { free: 5, firstDelayMs: 2_000, maxDelayMs: 15 * 60_000, forgetAfterMs: 24 * 60 * 60_000 },
  /** Per IP across accounts: failed attempts in a fixed window. */
  ip: { max: 20, windowMs: 15 * 60_000 },
};

/** The wait imposed after the n-th attempt of a streak: none within the free ones, then doubling up to the cap. */
export function backoffAfter(n: number): number {
  const { free, firstDelayMs, maxDelayMs } = SIGN_IN_LIMITS.pair;
  return n < free ? 0 : Math.min(firstDelayMs * 2 ** (n - free), maxDelayMs);
}

/** An admitted attempt, or the time (epoch ms) before which none is admitted. */
type Reservation = { ok: true } | { ok: false; retryAt: number };

type Row = { count: number | bigint; blockedUntil: number | bigint; ticket: string; expiresAt: number | bigint };

const ms = (v: number) => Prisma.sql`CAST(${BigInt(v)} AS BIGINT)`;

/** backoffAfter() as SQL over a count expression, so the database applies the one rule inside the reservation. */
function backoffSql(n: Prisma.Sql): Prisma.Sql {
  const steps: Prisma.Sql[] = [];
  for (let i = SIGN_IN_LIMITS.pair.free; backoffAfter(i) < SIGN_IN_LIMITS.pair.maxDelayMs; i++) {
    steps.push(Prisma.sql`WHEN ${n} = ${Prisma.raw(String(i))} THEN ${Prisma.raw(String(backoffAfter(i)))}`);
  }
  const free = Prisma.raw(String(SIGN_IN_LIMITS.pair.free));
  const cap = Prisma.raw(String(SIGN_IN_LIMITS.pair.maxDelayMs));
  return Prisma.sql`(CASE WHEN ${n} < ${free} THEN 0 ${Prisma.join(steps, " ")} ELSE ${cap} END)`;
}

/**
 * Reserves one attempt for a (account, IP) pair in a single statement, before any password is checked, so
 * parallel attempts cannot all slip through: the statement admits the attempt only when the pair is not
 * waiting, and an admitted attempt immediately sets the wait that applies if it fails. Works the same on
 * SQLite and PostgreSQL (INSERT … ON CONFLICT … RETURNING; every SET reads the row as it was).
 */
export async function reservePairAttempt(key: string, now = Date.now()): Promise<Reservation> {
  const ticket = randomUUID();
  const { forgetAfterMs } = SIGN_IN_LIMITS.pair;
  const stale = Prisma.sql`"RateLimit"."expiresAt" <= ${ms(now)}`;
  const admitted = Prisma.sql`(${stale} OR "RateLimit"."blockedUntil" <= ${ms(now)})`;
  const next = Prisma.sql`(CASE WHEN ${stale} THEN 1 ELSE "RateLimit"."count" + 1 END)`;
  const [row] = await db().$queryRaw<Row[]>`
    INSERT INTO "RateLimit" ("key", "count", "blockedUntil", "ticket", "expiresAt")
    VALUES (${key}, 1, ${ms(now + backoffAfter(1))}, ${ticket}, ${ms(now + forgetAfterMs)})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN ${admitted} THEN ${next} ELSE "RateLimit"."count" END,
      "blockedUntil" = CASE WHEN ${admitted} THEN ${ms(now)} + ${backoffSql(next)} ELSE "RateLimit"."blockedUntil" END,
      "ticket" = CASE WHEN ${admitted} THEN ${ticket} ELSE "RateLimit"."ticket" END,
      "expiresAt" = CASE WHEN ${admitted} THEN ${ms(now + forgetAfterMs)} ELSE "RateLimit"."expiresAt" END
    RETURNING "count", "blockedUntil", "ticket", "expiresAt"`;
  return row.ticket === ticket ? { ok: true } : { ok: false, retryAt: Number(row.blockedUntil) };
}

/**
 * Reserves one attempt against a fixed window in a single statement: admitted while the window holds fewer than
 * `max` counted attempts, whichever instance asks.
 */
export async function reserveInWindow(
  key: string,
  { max, windowMs }: { max: number; windowMs: number },
  now = Date.now(),
): Promise<Reservation> {
  const ticket = randomUUID();
  const stale = Prisma.sql`"RateLimit"."expiresAt" <= ${ms(now)}`;
  const admitted = Prisma.sql`(${stale} OR "RateLimit"."count" < ${Prisma.raw(String(max))})`;
  const [row] = await db().$queryRaw<Row[]>`
    INSERT INTO "RateLimit" ("key", "count", "blockedUntil", "ticket", "expiresAt")
    VALUES (${key}, 1, ${ms(0)}, ${ticket}, ${ms(now + windowMs)})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN ${stale} THEN 1 WHEN ${admitted} THEN "RateLimit"."count" + 1 ELSE "RateLimit"."count" END,
      "ticket" = CASE WHEN ${admitted} THEN ${ticket} ELSE "RateLimit"."ticket" END,
      "expiresAt" = CASE WHEN ${stale} THEN ${ms(now + windowMs)} ELSE "RateLimit"."expiresAt" END
    RETURNING "count", "blockedUntil", "ticket", "expiresAt"`;
  return row.ticket === ticket ? { ok: true } : { ok: false, retryAt: Number(row.expiresAt) };
}

/**
 * Reserves one attempt against an IP's window. Attempts that do not end in a failed check are given back
 * (refundIpAttempt).
 */
export function reserveIpAttempt(key: string, now = Date.now()): Promise<Reservation> {
  return reserveInWindow(key, SIGN_IN_LIMITS.ip, now);
}

/** Gives back an IP attempt that never reached a failed password check (a success, or refused for its pair). */
export async function refundIpAttempt(key: string): Promise<void> {
  await db().rateLimit.updateMany({ where: { key, count: { gt: 0 } }, data: { count: { decrement: 1 } } });
}

/** A success ends the pair's streak. */
export async function endStreak(key: string): Promise<void> {
  await db().rateLimit.deleteMany({ where: { key } });
}

/** Rows whose streak or window is over; any instance may run it, any number of times. */
export async function purgeStaleLimits(now = Date.now()): Promise<void> {
  await db().rateLimit.deleteMany({ where: { expiresAt: { lte: BigInt(now) } } });
}

/** The typed refusal says when to come back, in words a person can act on. */
export function retryMessage(retryAt: number, what = "sign-in attempts", now = Date.now()): string {
  const seconds = Math.max(1, Math.ceil((retryAt - now) / 1000));
  const minutes = Math.ceil(seconds / 60);
  const wait = seconds < 90 ? `${seconds} second${seconds === 1 ? "" : "s"}` : `${minutes} minutes`;
  return `Too many failed ${what}. Try again in ${wait}.`;
}
