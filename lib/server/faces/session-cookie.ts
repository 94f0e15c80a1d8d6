import "server-only";
import { cookies } from "next/headers";
import { SESSION_COOKIE, servedOverHttps } from "@/lib/server/platform/config";

// Over https the name carries the __Host- prefix, which requires exactly Secure, Path=/ and no Domain; clearing
// the cookie must repeat them or the browser ignores the deletion.
const cookieOptions = () => ({ httpOnly: true, sameSite: "lax" as const, secure: servedOverHttps(), path: "/" });

/** Sets the cookie of a session just opened (sign-in form, accepted invitation): the one place for its attributes. */
export async function setSessionCookie(session: { token: string; expiresAt: Date }): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, session.token, { ...cookieOptions(), expires: session.expiresAt });
}

/** The session token the current request carries. */
export async function currentSessionToken(): Promise<string | undefined> {
  return (await cookies()).get(SESSION_COOKIE)?.value;
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete({ name: SESSION_COOKIE, ...cookieOptions() });
}
