"use server";

import { revalidatePath } from "next/cache";
import { OPERATIONS } from "@/lib/auth/operations";
import { orgAction } from "@/lib/server/faces/action";
import { previewPolicy } from "@/lib/server/policy/compliance";
import { saveTlsPolicy } from "@/lib/server/policy/policy";

const page = (org: string) => `/orgs/${org}/settings/tls-policy`;

export async function saveTlsPolicyAction(org: string, values: unknown) {
  const result = await orgAction("saveTlsPolicy", org, OPERATIONS.saveTlsPolicy, (ctx) => saveTlsPolicy(ctx, values));
  revalidatePath(page(org));
  return result;
}

/** The live preview of the settings form: what the unsaved policy would refuse. */
export async function previewTlsPolicyAction(org: string, values: unknown) {
  return orgAction("previewTlsPolicy", org, OPERATIONS.viewTlsPolicyPreview, (ctx) =>
    previewPolicy(ctx, values, { limit: 100 }),
  );
}
