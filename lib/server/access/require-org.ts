import "server-only";
import { AppError } from "@/lib/errors";
import { hasPermission, type Permission } from "@/lib/auth/permissions";
import { db } from "@/lib/server/platform/db";
import type { Actor } from "@/lib/server/access/actor";

export interface OrgContext {
  actor: Actor;
  org: { id: string; name: string; title: string; type: string };
  role: { name: string; title: string; permissions: string };
  requestId: string;
}

/**
 * The one authorization gate: every action and route calls it before touching an organization's data. An
 * unknown organization and one the actor does not belong to get the same answer, so neither leaks existence.
 */
export async function requireOrg(
  actor: Actor | null,
  orgName: string,
  permission: Permission,
  requestId: string,
): Promise<OrgContext> {
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  // Server actions take their arguments from the caller as they come: anything but a plain name (an object would be
  // read as a query filter) is an organization that does not exist for this actor.
  if (typeof orgName !== "string" || orgName.length > 200 || orgName.includes("\u0000")) throw noAccess();
  const membership = await db().membership.findFirst({
    where: { userId: actor.userId, org: { name: orgName } },
    include: { org: true, role: true },
  });
  if (!membership || (actor.onlyOrgId && membership.orgId !== actor.onlyOrgId)) throw noAccess();
  if (!hasPermission(membership.role.permissions, permission)) {
    throw new AppError("FORBIDDEN", "Your role does not allow this. Ask an administrator for access.");
  }
  const { org, role } = membership;
  return {
    actor,
    org: { id: org.id, name: org.name, title: org.title, type: org.type },
    role: { name: role.name, title: role.title, permissions: role.permissions },
    requestId,
  };
}

/** The organizations a user belongs to, for the switcher; nothing else is ever listed. */
export async function listMyOrgs(actor: Actor) {
  const rows = await db().membership.findMany({
    where: { userId: actor.userId, ...(actor.onlyOrgId ? { orgId: actor.onlyOrgId } : {}) },
    include: { org: true, role: true },
    orderBy: { org: { createdAt: "asc" } },
  });
  return rows.map((m) => ({
    name: m.org.name,
    title: m.org.title,
    type: m.org.type,
    role: m.role.title,
    permissions: m.role.permissions,
  }));
}

/**
 * The installation acting for itself (first-start defaults, seeding, benchmarks): no signed-in user, every
 * permission, recorded in the audit under `who`.
 */
export function systemContext(
  org: { id: string; name: string; title: string; type: string },
  who: string,
  requestId = who,
): OrgContext {
  return {
    actor: { userId: "system", email: who, name: "Installation", via: "session" },
    org: { id: org.id, name: org.name, title: org.title, type: org.type },
    role: { name: "owner", title: "Owner", permissions: "*" },
    requestId,
  };
}

const noAccess = () => new AppError("FORBIDDEN", "You do not have access to this organization.");
