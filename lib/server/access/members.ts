import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { ZName } from "@/lib/tls/client-profile-schema";
import type { OrgContext } from "@/lib/server/access/require-org";
import { audit } from "@/lib/server/platform/audit";
import { grantRefusal, holdsAllOf } from "@/lib/auth/role-hierarchy";
import { db } from "@/lib/server/platform/db";
import { lockOrganization } from "@/lib/server/access/org-lock";
import { isUniqueViolation } from "@/lib/server/platform/prisma-errors";

const ZRoleInput = z.strictObject({
  name: ZName,
  title: z.string().trim().min(1, "Title is required").max(64),
  permissions: z.array(z.enum(PERMISSIONS)).max(PERMISSIONS.length),
});

export async function listRoles(ctx: OrgContext) {
  const roles = await db().role.findMany({ where: { orgId: ctx.org.id }, orderBy: { createdAt: "asc" } });
  return roles.map((r) => ({ name: r.name, title: r.title, permissions: r.permissions, builtin: r.builtin }));
}

export async function listMembers(ctx: OrgContext) {
  const rows = await db().membership.findMany({
    where: { orgId: ctx.org.id },
    include: { user: true, role: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((m) => ({ userId: m.userId, email: m.user.email, name: m.user.name, role: m.role.name }));
}

export async function createRole(ctx: OrgContext, raw: unknown) {
  const input = ZRoleInput.parse(raw);
  if (!holdsAllOf(ctx.role, { name: input.name, permissions: input.permissions.join(",") })) {
    throw new AppError("FORBIDDEN", "You cannot create a role with permissions you do not hold.", [
      { field: "permissions", message: "Includes a permission you do not hold" },
    ]);
  }
  try {
    return await db().$transaction(async (tx) => {
      const role = await tx.role.create({
        data: { orgId: ctx.org.id, name: input.name, title: input.title, permissions: input.permissions.join(",") },
      });
      await audit(tx, ctx, "create", { type: "role", name: role.name }, { permissions: { to: input.permissions } });
      return { name: role.name, title: role.title, permissions: role.permissions, builtin: false };
    });
  } catch (e) {
    if (isUniqueViolation(e)) {
      throw new AppError("CONFLICT", `A role named "${input.name}" already exists.`, [
        { field: "name", message: "This name is taken." },
      ]);
    }
    throw e;
  }
}

export async function roleOrThrow(ctx: OrgContext, name: string) {
  const role = await db().role.findUnique({ where: { orgId_name: { orgId: ctx.org.id, name } } });
  if (!role) throw new AppError("VALIDATION", `No role named "${name}".`, [{ field: "role", message: "Unknown role" }]);
  return role;
}

/**
 * Changes a member's role within the hierarchy (docs/decisions/011). The organization row is locked first, so two
 * owners demoting each other at once are serialized and the second one sees that only one owner is left.
 */
export async function assignRole(ctx: OrgContext, userId: string, roleName: string) {
  const role = await roleOrThrow(ctx, roleName);
  await db().$transaction(async (tx) => {
    await lockOrganization(tx, ctx.org.id);
    const membership = await tx.membership.findUnique({
      where: { userId_orgId: { userId, orgId: ctx.org.id } },
      include: { role: true, user: true },
    });
    if (!membership) throw new AppError("NOT_FOUND", "That user is not a member of this organization.");
    // The actor's role as of now, behind the lock: a concurrent change may just have demoted them.
    const actor = await tx.membership.findUnique({
      where: { userId_orgId: { userId: ctx.actor.userId, orgId: ctx.org.id } },
      include: { role: true },
    });
    if (!actor) throw new AppError("FORBIDDEN", "You do not have access to this organization.");
    const refusal = grantRefusal(actor.role, role, { current: membership.role, self: userId === ctx.actor.userId });
    if (refusal) throw new AppError("FORBIDDEN", refusal.message, [refusal]);
    if (membership.role.name === "owner" && role.name !== "owner") {
      const owners = await tx.membership.count({ where: { orgId: ctx.org.id, role: { name: "owner" } } });
      if (owners <= 1) throw new AppError("CONFLICT", "The organization's last owner cannot be given another role.");
    }
    await tx.membership.update({ where: { id: membership.id }, data: { roleId: role.id } });
    await audit(
      tx,
      ctx,
      "assign-role",
      { type: "member", name: membership.user.email },
      {
        role: { from: membership.role.name, to: role.name },
      },
    );
  });
}
