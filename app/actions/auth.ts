"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import type { ActionResult } from "@/lib/errors";
import { currentRequestId, safeAction } from "@/lib/server/faces/action";
import { clientIp, trustedProxies } from "@/lib/server/access/client-ip";
import { deleteSession } from "@/lib/server/access/sessions";
import { signIn } from "@/lib/server/access/sign-in";
import { auditAccount } from "@/lib/server/platform/audit";
import { SESSION_COOKIE, servedOverHttps } from "@/lib/server/platform/config";

// Over https the name carries the __Host- prefix, which requires exactly Secure, Path=/ and no Domain; clearing
// the cookie must repeat them or the browser ignores the deletion.
const cookieOptions = () => ({ httpOnly: true, sameSite: "lax" as const, secure: servedOverHttps(), path: "/" });

export async function signInAction(values: { email: string; password: string }): Promise<ActionResult<null>> {
  return safeAction("signIn", async (requestId) => {
    const h = await headers();
    const ip = clientIp(h.get("x-forwarded-for"), trustedProxies());
    const session = await signIn(values, { ip, userAgent: h.get("user-agent") ?? undefined, requestId });
    (await cookies()).set(SESSION_COOKIE, session.token, { ...cookieOptions(), expires: session.expiresAt });
    return null;
  });
}

export async function signOutAction(): Promise<void> {
  const jar = await cookies();
  const ended = await deleteSession(jar.get(SESSION_COOKIE)?.value);
  if (ended) await auditAccount(ended.userId, "sign_out", { email: ended.email, requestId: await currentRequestId() });
  jar.delete({ name: SESSION_COOKIE, ...cookieOptions() });
  redirect("/login");
}
