import "server-only";
import { randomBytes } from "node:crypto";
import { systemContext } from "@/lib/server/access/require-org";
import { hashPassword } from "@/lib/server/access/password";
import { db } from "@/lib/server/platform/db";
import { ensureDefaults } from "@/lib/server/install/defaults";
import { ADMIN_ORG, createOrganization } from "@/lib/server/access/orgs";
import { resealLegacyKeys } from "@/lib/server/install/reseal-keys";
import { verifyMasterKey } from "@/lib/server/platform/master-key-check";

export const SAMPLE_ORG = { name: "sample-org", title: "Sample Provider Organization", type: "provider" } as const;

/**
 * First start: the owner account, the two organizations and the default TLS material. Idempotent: once a user exists nothing changes, and
 * a generated password is printed only the one time it is created. Every start first proves MASTER_KEY (MasterKeyMismatch).
 */
export async function bootstrap(
  env: { ADMIN_EMAIL?: string; ADMIN_PASSWORD?: string } = {
    ADMIN_EMAIL: process.env.ADMIN_EMAIL,
    ADMIN_PASSWORD: process.env.ADMIN_PASSWORD,
  },
): Promise<{ created: boolean; message: string }> {
  await verifyMasterKey();
  const result = await bootstrapOwner(env);
  await installDefaults();
  await resealLegacyKeys();
  return result;
}

/** The admin organization's default TLS material; also added to installations that predate it. */
async function installDefaults(): Promise<void> {
  const org = await db().organization.findUnique({ where: { name: ADMIN_ORG.name } });
  if (!org) return;
  await ensureDefaults(systemContext(org, "system (installation)", "bootstrap"));
}

async function bootstrapOwner(env: {
  ADMIN_EMAIL?: string;
  ADMIN_PASSWORD?: string;
}): Promise<{ created: boolean; message: string }> {
  if ((await db().user.count()) > 0) return { created: false, message: "already initialised" };
  const email = (env.ADMIN_EMAIL ?? "admin@example.com").trim().toLowerCase();
  const generated = !env.ADMIN_PASSWORD;
  const password = env.ADMIN_PASSWORD ?? randomBytes(12).toString("base64url");
  const owner = await db().user.create({
    data: { email, name: "Owner", passwordHash: await hashPassword(password) },
  });
  for (const org of [ADMIN_ORG, SAMPLE_ORG]) {
    const created = await createOrganization(org);
    const ownerRole = await db().role.findUniqueOrThrow({
      where: { orgId_name: { orgId: created.id, name: "owner" } },
    });
    await db().membership.create({ data: { userId: owner.id, orgId: created.id, roleId: ownerRole.id } });
  }
  const message = generated
    ? `Created the owner account ${email} with the generated password: ${password}\n(shown once; set ADMIN_PASSWORD to choose it)`
    : `Created the owner account ${email} (password from ADMIN_PASSWORD)`;
  return { created: true, message };
}
