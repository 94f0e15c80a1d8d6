import "server-only";
import { AppError } from "@/lib/errors";
import { parseStoreRef, STORE_PATH, type StoreKind } from "@/lib/tls/store-ref";
import type { OrgContext } from "@/lib/server/access/require-org";
import { publicUrl } from "@/lib/server/platform/config";
import type { Db } from "@/lib/server/platform/db";

export type { StoreKind };

export const storeUrl = (orgName: string, kind: StoreKind, name: string) =>
  `${publicUrl()}/api/orgs/${orgName}/${STORE_PATH[kind]}/${name}`;

/**
 * Profile rows read with this keystore include carry their keystore's leaf, so a page of profiles gets its findings
 * from the same query (Prisma loads the nested relation in one batched query, not one per row).
 */
const KEYSTORE_WITH_LEAF = {
  select: { name: true, certificates: { where: { position: 0 }, select: { sha256: true, pem: true } } },
} as const;

/**
 * Rows read with this include carry the names needed to write `keystore_url` and `truststore_url`, and the keystore's
 * leaf certificate that lint reads (its extended key usage).
 */
export const WITH_STORES = { keystore: KEYSTORE_WITH_LEAF, truststore: { select: { name: true } } } as const;

/**
 * Resolves a `keystore_url` / `truststore_url` (or a bare name) to the store's id, only within the
 * caller's organization: a URL naming another organization is refused, not followed.
 */
async function resolveStoreRef(
  tx: Pick<Db, "keystore" | "truststore">,
  ctx: OrgContext,
  kind: StoreKind,
  ref: string | null | undefined,
): Promise<string | null> {
  if (!ref) return null;
  const field = `${kind}_url`;
  const { org = ctx.org.name, name } = parseStoreRef(kind, ref);
  const refuse = (message: string) => new AppError("VALIDATION", message, [{ field, message }]);
  if (org !== ctx.org.name) throw refuse(`The ${kind} must belong to this organization (${ctx.org.name}).`);
  const where = { orgId_name: { orgId: ctx.org.id, name } };
  const row =
    kind === "keystore"
      ? await tx.keystore.findUnique({ where, select: { id: true, state: true } })
      : await tx.truststore.findUnique({ where, select: { id: true } });
  if (!row) throw refuse(`No ${kind} named "${name}" in this organization.`);
  // A keystore generated here has no certificate until its signed one is uploaded (ADR 024): nothing could serve it.
  if ("state" in row && row.state === "awaiting_certificate")
    throw refuse(`Keystore ${name} is still awaiting its certificate: upload the signed certificate first.`);
  return row.id;
}

/** Both references of a profile, resolved to ids. */
export async function storeIds(
  tx: Pick<Db, "keystore" | "truststore">,
  ctx: OrgContext,
  refs: { keystore_url?: string | null; truststore_url?: string | null },
): Promise<{ keystoreId: string | null; truststoreId: string | null }> {
  return {
    keystoreId: await resolveStoreRef(tx, ctx, "keystore", refs.keystore_url),
    truststoreId: await resolveStoreRef(tx, ctx, "truststore", refs.truststore_url),
  };
}
