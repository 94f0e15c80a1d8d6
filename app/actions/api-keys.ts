"use server";

import { revalidatePath } from "next/cache";
import { AppError } from "@/lib/errors";
import { currentActor, safeAction } from "@/lib/server/faces/action";
import { createApiKey, revokeApiKey } from "@/lib/server/access/api-keys";

async function signedIn() {
  const actor = await currentActor();
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  return actor;
}

/** The key is in this one response and never again. */
export async function createApiKeyAction(name: string) {
  const result = await safeAction("createApiKey", async () => createApiKey(await signedIn(), name));
  revalidatePath("/account/api-keys");
  return result;
}

export async function revokeApiKeyAction(id: string) {
  const result = await safeAction("revokeApiKey", async () => revokeApiKey(await signedIn(), id));
  revalidatePath("/account/api-keys");
  return result;
}
