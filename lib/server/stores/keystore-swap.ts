import "server-only";
import type { KeystoreMaterial } from "@/lib/crypto/keystore-rules";
import type { OrgContext } from "@/lib/server/access/require-org";
import { dropVanishedNotices } from "@/lib/server/notifications/outbox";
import type { Db } from "@/lib/server/platform/db";
import { certificateColumns } from "@/lib/server/stores/certificates";
import { retireCurrent, type RetiredHow } from "@/lib/server/stores/keystore-history";
import { base, materialColumns, type Row, searchText } from "@/lib/server/stores/keystores";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * Where the policy's refusal of stored material (pending, or a kept version) is reported: no field of the request
 * carried it, so the fields of the material itself, as the compliance view names them (ADR 027).
 */
export const storedMaterialField = (part: "key" | "certificate") => (part === "key" ? "key_type" : "certificates");

/**
 * Makes `next` the keystore's material, keeping the current one as a version: sealed key and leaf facts (under the
 * row version read in `row`), the chain's Certificate rows, and pending expiry notices for certificates now gone
 * dropped. Every profile using the keystore picks up the new material by name. Returns the version kept.
 */
export async function swapMaterial(
  tx: Tx,
  ctx: OrgContext,
  row: Row,
  next: KeystoreMaterial,
  how: RetiredHow,
  now: Date,
  /** The row version the person's diff was made against: a keystore changed since is refused as stale. */
  expected?: number,
): Promise<number | null> {
  const kept = await retireCurrent(tx, ctx, row, how, now);
  const material = materialColumns(ctx.org.id, row.id, next);
  await base.save(tx, ctx, row, expected, () => ({
    ...material,
    searchText: searchText(row.title, row.name, row.summary, material.subject),
  }));
  await tx.certificate.deleteMany({ where: { keystoreId: row.id } });
  await tx.certificate.createMany({
    data: next.chain.map((c, i) => ({ orgId: ctx.org.id, keystoreId: row.id, ...certificateColumns(c, i) })),
  });
  await dropVanishedNotices(tx, ctx.org.id);
  return kept;
}
