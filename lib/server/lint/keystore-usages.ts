import "server-only";
import type { OrgContext } from "@/lib/server/access/require-org";
import { db } from "@/lib/server/platform/db";
import { extendedKeyUsageOf } from "@/lib/server/lint/leaf-usage";

/**
 * Each keystore's leaf extended key usage by name, in one query: the profile forms lint the keystore a user picks
 * as they pick it, with the same rule the server applies to the stored profile.
 */
export async function keystoreUsages(ctx: OrgContext): Promise<Record<string, string[] | null>> {
  const leaves = await db().certificate.findMany({
    where: { orgId: ctx.org.id, position: 0, keystore: { orgId: ctx.org.id } },
    select: { sha256: true, pem: true, keystore: { select: { name: true } } },
  });
  return Object.fromEntries(leaves.map((c) => [c.keystore!.name, extendedKeyUsageOf(c)]));
}
