import "server-only";
import { BUILTIN_ROLES } from "@/lib/auth/permissions";
import { db } from "@/lib/server/platform/db";

export const ADMIN_ORG = { name: "admin", title: "Cloud Manager", type: "admin" } as const;

/** Creates an organization with its built-in roles (Owner, Administrator, Member). */
export async function createOrganization(input: { name: string; title: string; type: "admin" | "provider" }) {
  return db().organization.create({
    data: { ...input, roles: { create: BUILTIN_ROLES.map((r) => ({ ...r, builtin: true })) } },
  });
}
