import "server-only";
import { cookies, headers } from "next/headers";
import { createSession } from "@/lib/server/access/sessions";
import { SESSION_COOKIE } from "@/lib/server/platform/config";

/**
 * Opens a session for a person who just proved who they are another way than the sign-in form (accepting an
 * invitation with a new password) and sets its cookie with the sign-in form's attributes.
 */
export async function startSessionCookie(userId: string): Promise<void> {
  const h = await headers();
  const secure = (h.get("x-forwarded-proto") ?? "").startsWith("https") || process.env.PUBLIC_URL?.startsWith("https:");
  const session = await createSession(userId, { userAgent: h.get("user-agent") ?? undefined });
  (await cookies()).set(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: "lax",
    secure: !!secure,
    path: "/",
    expires: session.expiresAt,
  });
}

/** The session token the current request carries. */
export async function currentSessionToken(): Promise<string | undefined> {
  return (await cookies()).get(SESSION_COOKIE)?.value;
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
}
