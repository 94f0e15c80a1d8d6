"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { ActionResult } from "@/lib/errors";
import { currentRequestId, safeAction } from "@/lib/server/faces/action";
import { clientIp, trustedProxies } from "@/lib/server/access/client-ip";
import { deleteSession } from "@/lib/server/access/sessions";
import { signIn } from "@/lib/server/access/sign-in";
import { auditAccount } from "@/lib/server/platform/audit";
import { clearSessionCookie, currentSessionToken, setSessionCookie } from "@/lib/server/faces/session-cookie";

export async function signInAction(values: { email: string; password: string }): Promise<ActionResult<null>> {
  return safeAction("signIn", async (requestId) => {
    const h = await headers();
    const ip = clientIp(h.get("x-forwarded-for"), trustedProxies());
    const session = await signIn(values, { ip, userAgent: h.get("user-agent") ?? undefined, requestId });
    await setSessionCookie(session);
    return null;
  });
}

export async function signOutAction(): Promise<void> {
  const ended = await deleteSession(await currentSessionToken());
  if (ended) await auditAccount(ended.userId, "sign_out", { email: ended.email, requestId: await currentRequestId() });
  await clearSessionCookie();
  redirect("/login");
}
