import "server-only";
import { db } from "@/lib/server/platform/db";

export const SIGN_IN_LIMITS = {
  account: { max: 5, windowMs: 15 * 60 * 1000 },
  ip: { max: 20, windowMs: 15 * 60 * 1000 },
};

/** True when the key has used up its failures for the current window. */
export async function isLimited(key: string, max: number): Promise<boolean> {
  const row = await db().rateLimit.findUnique({ where: { key } });
  return !!row && row.resetAt.getTime() > Date.now() && row.count >= max;
}

export async function recordFailure(key: string, windowMs: number): Promise<void> {
  const now = Date.now();
  await db().$transaction(async (tx) => {
    const row = await tx.rateLimit.findUnique({ where: { key } });
    if (!row || row.resetAt.getTime() <= now) {
      await tx.rateLimit.upsert({
        where: { key },
        create: { key, count: 1, resetAt: new Date(now + windowMs) },
        update: { count: 1, resetAt: new Date(now + windowMs) },
      });
    } else {
      await tx.rateLimit.update({ where: { key }, data: { count: { increment: 1 } } });
    }
  });
}

export async function clearFailures(key: string): Promise<void> {
  await db().rateLimit.deleteMany({ where: { key } });
}
