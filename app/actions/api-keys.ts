"use server";

import { revalidatePath } from "next/cache";
import { AppError } from "@/lib/errors";
import { currentActor, safeAction } from "@/lib/server/faces/action";
import { createApiKey, revokeApiKey } from "@/lib/server/access/api-keys";

/** API keys belong to a person, not an organization: a session is the whole check, and every query is by user. */
async function signedIn() {
  const actor = await currentActor();
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  return actor;
}

/** The key is in this one response and never again. */
export async function createApiKeyAction(values: unknown) {
  const result = await safeAction("createApiKey", async (requestId) =>
    createApiKey(await signedIn(), values, requestId),
  );
  revalidatePath("/account/api-keys");
  return result;
}

export async function revokeApiKeyAction(id: string) {
  const result = await safeAction("revokeApiKey", async (requestId) => revokeApiKey(await signedIn(), id, requestId));
  revalidatePath("/account/api-keys");
  return result;
}
