"use server";

import { AppError } from "@/lib/errors";
import { acceptAsNewAccount, acceptAsSignedIn } from "@/lib/server/access/invitations";
import { currentActor, safeAction } from "@/lib/server/faces/action";
import { headers } from "next/headers";
import { clientIp, trustedProxies } from "@/lib/server/access/client-ip";
import { createSession } from "@/lib/server/access/sessions";
import { setSessionCookie } from "@/lib/server/faces/session-cookie";

/** Reachable signed out: the token in the link is the credential, checked by the data layer. */
export async function acceptAsNewAccountAction(token: string, values: unknown) {
  return safeAction("acceptInvitationNewAccount", async (requestId) => {
    const accepted = await acceptAsNewAccount(String(token), values, requestId);
    const h = await headers();
    const ip = clientIp(h.get("x-forwarded-for"), trustedProxies());
    await setSessionCookie(await createSession(accepted.userId, { ip, userAgent: h.get("user-agent") ?? undefined }));
    return { org: accepted.org };
  });
}

export async function acceptInvitationAction(token: string) {
  return safeAction("acceptInvitation", async (requestId) => {
    const actor = await currentActor();
    if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to accept this invitation.");
    return acceptAsSignedIn(actor, String(token), requestId);
  });
}
