"use server";

import { revalidatePath } from "next/cache";
import { OPERATIONS } from "@/lib/auth/operations";
import { orgAction } from "@/lib/server/faces/action";
import { assignRole, createRole } from "@/lib/server/access/members";
import { createInvitation, revokeInvitation } from "@/lib/server/access/invitations";

export async function createRoleAction(org: string, values: unknown) {
  const result = await orgAction("createRole", org, OPERATIONS.createRole, (ctx) => createRole(ctx, values));
  revalidatePath(`/orgs/${org}/members`);
  return result;
}

export async function assignRoleAction(org: string, userId: string, role: string) {
  const result = await orgAction("assignRole", org, OPERATIONS.assignRole, (ctx) => assignRole(ctx, userId, role));
  revalidatePath(`/orgs/${org}/members`);
  return result;
}

/** The invitation link is in this one response and never again. */
export async function inviteMemberAction(org: string, values: unknown) {
  const result = await orgAction("inviteMember", org, OPERATIONS.inviteMember, (ctx) => createInvitation(ctx, values));
  revalidatePath(`/orgs/${org}/members`);
  return result;
}

export async function revokeInvitationAction(org: string, id: string) {
  const result = await orgAction("revokeInvitation", org, OPERATIONS.revokeInvitation, (ctx) =>
    revokeInvitation(ctx, id),
  );
  revalidatePath(`/orgs/${org}/members`);
  return result;
}
