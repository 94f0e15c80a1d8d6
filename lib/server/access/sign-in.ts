import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/platform/db";
import { auditAccount } from "@/lib/server/platform/audit";
import { burnPasswordCheck, hashPassword, needsRehash, verifyPassword } from "@/lib/server/access/password";
import {
  endStreak,
  purgeStaleLimits,
  refundIpAttempt,
  reserveIpAttempt,
  reservePairAttempt,
  retryMessage,
} from "@/lib/server/access/rate-limit";
import { createSession, purgeEndedSessions } from "@/lib/server/access/sessions";
import { limitNetwork } from "@/lib/server/access/client-ip";

const ZSignIn = z.object({
  email: z.string().trim().toLowerCase().max(254, "Enter an email address").email("Enter an email address"),
  password: z.string().min(1, "Enter your password").max(1024),
});

const WRONG = "Incorrect email or password.";

interface SignInMeta {
  ip: string;
  userAgent?: string;
  requestId?: string;
}

/**
 * One generic message for an unknown account and a wrong password. Each attempt is reserved against its IP
 * and its (account, IP) pair before any password is checked (ADR 014): a stranger's failures slow down only
 * that stranger, never the owner signing in from elsewhere.
 */
export async function signIn(input: unknown, meta: SignInMeta) {
  const { email, password } = ZSignIn.parse(input);
  const requestId = meta.requestId ?? randomUUID();
  const network = limitNetwork(meta.ip);
  const ipKey = `ip:${network}`;
  const pairKey = `pair:${email}|${network}`;

  const byIp = await reserveIpAttempt(ipKey);
  if (!byIp.ok) throw new AppError("RATE_LIMITED", retryMessage(byIp.retryAt));
  const byPair = await reservePairAttempt(pairKey);
  if (!byPair.ok) {
    await refundIpAttempt(ipKey);
    throw new AppError("RATE_LIMITED", retryMessage(byPair.retryAt));
  }

  const user = await db().user.findUnique({ where: { email } });
  const ok = user ? await verifyPassword(password, user.passwordHash) : (await burnPasswordCheck(password), false);
  // Verified attempts (never refused ones, which must stay cheap) sweep what has ended, on whichever instance.
  await Promise.all([purgeStaleLimits(), purgeEndedSessions()]);
  const seen = { ip: { to: meta.ip }, user_agent: { to: meta.userAgent?.slice(0, 256) } };
  if (!user || !ok) {
    await auditAccount(user?.id ?? null, "sign_in_failed", { email, requestId, changes: seen });
    throw new AppError("UNAUTHENTICATED", WRONG);
  }
  await Promise.all([endStreak(pairKey), refundIpAttempt(ipKey)]);
  if (needsRehash(user.passwordHash)) {
    await db().user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
  }
  const session = await createSession(user.id, meta);
  await auditAccount(user.id, "sign_in", { email, requestId, changes: seen });
  return session;
}
