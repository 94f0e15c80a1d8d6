import { randomBytes } from "node:crypto";
import { createApiKey, revokeApiKey } from "@/lib/server/access/api-keys";
import { hashPassword } from "@/lib/server/access/password";
import { createSession } from "@/lib/server/access/sessions";
import { db } from "@/lib/server/platform/db";
import { createOrganization } from "@/lib/server/access/orgs";

export const PRINCIPALS = ["owner", "orgAdmin", "customManage", "customView", "member", "otherOrgAdmin"] as const;
export type Principal = (typeof PRINCIPALS)[number];

interface Credentials {
  userId: string;
  email: string;
  session: string;
  apiKey: string;
}

/**
 * One organization ("acme") with a user per role, plus the administrator of another organization, each with a
 * session token and an API key; and the owner's revoked key, expired key and key restricted to the other
 * organization (where the owner is a plain member). Built through the same data layer the app uses.
 */
export async function buildWorld() {
  const suffix = randomBytes(3).toString("hex");
  const acme = await createOrganization({ name: `acme-${suffix}`, title: "Acme", type: "provider" });
  const other = await createOrganization({ name: `other-${suffix}`, title: "Other", type: "provider" });
  const manageRole = await db().role.create({
    data: { orgId: acme.id, name: "tls-manager", title: "TLS manager", permissions: "settings:view,settings:manage" },
  });
  const viewRole = await db().role.create({
    data: { orgId: acme.id, name: "tls-viewer", title: "TLS viewer", permissions: "settings:view" },
  });
  const roleId = async (orgId: string, name: string) =>
    (await db().role.findUniqueOrThrow({ where: { orgId_name: { orgId, name } } })).id;
  const passwordHash = await hashPassword("correct horse battery staple");
  const plan: Record<Principal, { orgId: string; roleId: string }> = {
    owner: { orgId: acme.id, roleId: await roleId(acme.id, "owner") },
    orgAdmin: { orgId: acme.id, roleId: await roleId(acme.id, "administrator") },
    customManage: { orgId: acme.id, roleId: manageRole.id },
    customView: { orgId: acme.id, roleId: viewRole.id },
    member: { orgId: acme.id, roleId: await roleId(acme.id, "member") },
    otherOrgAdmin: { orgId: other.id, roleId: await roleId(other.id, "administrator") },
  };
  const users = {} as Record<Principal, Credentials>;
  for (const principal of PRINCIPALS) {
    const email = `${principal.toLowerCase()}-${suffix}@example.com`;
    const user = await db().user.create({ data: { email, name: principal, passwordHash } });
    await db().membership.create({ data: { userId: user.id, ...plan[principal] } });
    const actor = { userId: user.id, email, name: principal, via: "session" as const };
    const { token } = await createSession(user.id, {});
    const { key } = await createApiKey(actor, { name: "test" }, "test-world");
    users[principal] = { userId: user.id, email, session: token, apiKey: key };
  }
  const ownerActor = { userId: users.owner.userId, email: users.owner.email, name: "owner", via: "session" as const };
  const revoked = await createApiKey(ownerActor, { name: "revoked" }, "test-world");
  await revokeApiKey(ownerActor, revoked.apiKey.id, "test-world");
  const expired = await createApiKey(ownerActor, { name: "expired", expires_in_days: 30 }, "test-world");
  await db().apiKey.update({ where: { id: expired.apiKey.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  // The owner is a plain member of the other organization, so a key may be restricted to it.
  await db().membership.create({
    data: { userId: users.owner.userId, orgId: other.id, roleId: await roleId(other.id, "member") },
  });
  const elsewhere = await createApiKey(ownerActor, { name: "elsewhere", org: other.name }, "test-world");
  return {
    org: acme.name,
    otherOrg: other.name,
    users,
    revokedKey: revoked.key,
    expiredKey: expired.key,
    elsewhereKey: elsewhere.key,
    ownerActor,
  };
}
