"use server";

import { revalidatePath } from "next/cache";
import { orgAction } from "@/lib/server/faces/action";
import { addMember, assignRole, createRole } from "@/lib/server/access/members";

export async function createRoleAction(org: string, values: unknown) {
  const result = await orgAction("createRole", org, "members:manage", (ctx) => createRole(ctx, values));
  revalidatePath(`/orgs/${org}/members`);
  return result;
}

export async function assignRoleAction(org: string, userId: string, role: string) {
  const result = await orgAction("assignRole", org, "members:manage", (ctx) => assignRole(ctx, userId, role));
  revalidatePath(`/orgs/${org}/members`);
  return result;
}

export async function addMemberAction(org: string, values: unknown) {
  const result = await orgAction("addMember", org, "members:manage", (ctx) => addMember(ctx, values));
  revalidatePath(`/orgs/${org}/members`);
  return result;
}
