"use server";

import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { changeOwnPassword, signOutEverywhere } from "@/lib/server/access/account-password";
import { currentActor, safeAction } from "@/lib/server/faces/action";
import { clearSessionCookie, currentSessionToken } from "@/lib/server/faces/session-cookie";

async function signedIn() {
  const actor = await currentActor();
  const token = await currentSessionToken();
  if (!actor || !token) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  return { actor, token };
}

export async function changePasswordAction(values: unknown) {
  return safeAction("changePassword", async (requestId) => {
    const { actor, token } = await signedIn();
    await changeOwnPassword(actor, token, values, requestId);
    return null;
  });
}

export async function signOutEverywhereAction() {
  const result = await safeAction("signOutEverywhere", async (requestId) => {
    const { actor } = await signedIn();
    await signOutEverywhere(actor, requestId);
    await clearSessionCookie();
    return null;
  });
  if (result.ok) redirect("/login");
  return result;
}
