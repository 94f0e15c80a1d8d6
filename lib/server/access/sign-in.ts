import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/platform/db";
import { burnPasswordCheck, verifyPassword } from "@/lib/server/access/password";
import { clearFailures, isLimited, recordFailure, SIGN_IN_LIMITS } from "@/lib/server/access/rate-limit";
import { createSession } from "@/lib/server/access/sessions";

export const ZSignIn = z.object({
  email: z.string().trim().toLowerCase().email("Enter an email address"),
  password: z.string().min(1, "Enter your password").max(1024),
});

const WRONG = "Incorrect email or password.";
const LIMITED = "Too many failed sign-in attempts. Wait 15 minutes and try again.";

/** One generic message for an unknown account and a wrong password; failures count per account and per IP. */
export async function signIn(input: unknown, meta: { ip: string; userAgent?: string }) {
  const { email, password } = ZSignIn.parse(input);
  const accountKey = `account:${email}`;
  const ipKey = `ip:${meta.ip}`;
  if ((await isLimited(accountKey, SIGN_IN_LIMITS.account.max)) || (await isLimited(ipKey, SIGN_IN_LIMITS.ip.max))) {
    throw new AppError("RATE_LIMITED", LIMITED);
  }
  const user = await db().user.findUnique({ where: { email } });
  const ok = user ? await verifyPassword(password, user.passwordHash) : (await burnPasswordCheck(password), false);
  if (!user || !ok) {
    await recordFailure(accountKey, SIGN_IN_LIMITS.account.windowMs);
    await recordFailure(ipKey, SIGN_IN_LIMITS.ip.windowMs);
    throw new AppError("UNAUTHENTICATED", WRONG);
  }
  await clearFailures(accountKey);
  return createSession(user.id, meta);
}
