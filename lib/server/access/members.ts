import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { ZName } from "@/lib/tls/client-profile-schema";
import type { OrgContext } from "@/lib/server/access/require-org";
import { audit } from "@/lib/server/platform/audit";
import { hashPassword } from "@/lib/server/access/password";
import { db } from "@/lib/server/platform/db";
import { isUniqueViolation } from "@/lib/server/platform/prisma-errors";

export const ZRoleInput = z.strictObject({
  name: ZName,
  title: z.string().trim().min(1, "Title is required").max(64),
  permissions: z.array(z.enum(PERMISSIONS)).max(PERMISSIONS.length),
});

export const ZAddMember = z.strictObject({
  email: z.string().trim().toLowerCase().email("Enter an email address"),
  name: z.string().trim().min(1, "Name is required").max(128),
  password: z.string().min(12, "At least 12 characters").max(1024),
  role: ZName,
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

async function roleOrThrow(ctx: OrgContext, name: string) {
  const role = await db().role.findUnique({ where: { orgId_name: { orgId: ctx.org.id, name } } });
  if (!role) throw new AppError("VALIDATION", `No role named "${name}".`, [{ field: "role", message: "Unknown role" }]);
  return role;
}

/** The last owner cannot be demoted: an organization must always have someone who can manage it. */
export async function assignRole(ctx: OrgContext, userId: string, roleName: string) {
  const role = await roleOrThrow(ctx, roleName);
  await db().$transaction(async (tx) => {
    const membership = await tx.membership.findUnique({
      where: { userId_orgId: { userId, orgId: ctx.org.id } },
      include: { role: true, user: true },
    });
    if (!membership) throw new AppError("NOT_FOUND", "That user is not a member of this organization.");
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

/** Adds an existing user by email, or creates the account with the given initial password. */
export async function addMember(ctx: OrgContext, raw: unknown) {
  const input = ZAddMember.parse(raw);
  const role = await roleOrThrow(ctx, input.role);
  const passwordHash = await hashPassword(input.password);
  return db().$transaction(async (tx) => {
    const user =
      (await tx.user.findUnique({ where: { email: input.email } })) ??
      (await tx.user.create({ data: { email: input.email, name: input.name, passwordHash } }));
    const existing = await tx.membership.findUnique({
      where: { userId_orgId: { userId: user.id, orgId: ctx.org.id } },
    });
    if (existing) {
      throw new AppError("CONFLICT", `${input.email} is already a member.`, [
        { field: "email", message: "Already a member of this organization" },
      ]);
    }
    await tx.membership.create({ data: { userId: user.id, orgId: ctx.org.id, roleId: role.id } });
    await audit(tx, ctx, "add-member", { type: "member", name: input.email }, { role: { to: role.name } });
    return { userId: user.id, email: user.email, name: user.name, role: role.name };
  });
}
