import "server-only";
import type { KeystoreMaterial } from "@/lib/crypto/keystore-rules";
import type { RotationDiff } from "@/lib/tls/rotation-diff";
import { assertConfirmed } from "@/lib/tls/rotation-schema";
import type { KeystoreDto, KeystorePreview } from "@/lib/tls/store-dto";
import type { OrgContext } from "@/lib/server/access/require-org";
import { findingsOfStores } from "@/lib/server/lint/store-findings";
import { audit, diff } from "@/lib/server/platform/audit";
import { db } from "@/lib/server/platform/db";
import { enforceMaterialPolicy } from "@/lib/server/policy/enforce";
import { swapMaterial } from "@/lib/server/stores/keystore-swap";
import {
  auditable,
  AWAITING,
  awaitingCertificate,
  base,
  keyTypeOf,
  type MaterialUpload,
  previewOf,
  type Row,
  TARGET,
  toDto,
  verify,
} from "@/lib/server/stores/keystores";
import { differFor } from "@/lib/server/stores/rotation-facts";

/**
 * Replacing a keystore's material at once (ADR 026): `PUT …/material`, the "Replace key and certificates" page and
 * API Connect's update fields on PATCH. The upload is verified as any upload, held to the organization's policy,
 * compared with the material in use — every warning of that diff confirmed by its code in `confirm`, as for an
 * activation — and swapped, the replaced material kept as a version.
 */

async function replaceable(ctx: OrgContext, name: string): Promise<Row> {
  const row = await base.findEditable(db(), ctx, name);
  if (row.state === AWAITING) throw awaitingCertificate(row.name, "replaced");
  return row;
}

const diffOf = async (row: Row, m: KeystoreMaterial, now: Date) =>
  (await differFor(row, now))(keyTypeOf(m), m.chain.map((c) => c.pem).join(""));

/** What a replacement would store and change, with the warnings it must confirm; nothing is stored. The policy
 * refuses here already, as the replacement itself would. */
export async function previewReplacement(
  ctx: OrgContext,
  name: string,
  upload: MaterialUpload,
  now = new Date(),
): Promise<KeystorePreview & { diff: RotationDiff }> {
  const m = await verify(upload);
  const row = await replaceable(ctx, name);
  await enforceMaterialPolicy(db(), ctx, { name: row.name, keystoreId: row.id }, m, upload.fileField);
  return { ...previewOf(m), diff: await diffOf(row, m, now) };
}

export async function replaceKeystoreMaterial(
  ctx: OrgContext,
  name: string,
  upload: MaterialUpload,
  expectedRowVersion?: number,
  confirm: readonly string[] = [],
  now = new Date(),
): Promise<KeystoreDto> {
  const m = await verify(upload);
  const row = await replaceable(ctx, name);
  // The policy before the warnings: confirming them would not help material the policy refuses.
  await enforceMaterialPolicy(db(), ctx, { name: row.name, keystoreId: row.id }, m, upload.fileField);
  const warnings = (await diffOf(row, m, now)).warnings;
  assertConfirmed(warnings, confirm);
  return db().$transaction(async (tx) => {
    const current = await base.findEditable(tx, ctx, name);
    // Against the version the diff was made from (or the one the client read): anything newer is refused as stale.
    const kept = await swapMaterial(tx, ctx, current, m, "rotate", now, expectedRowVersion ?? row.rowVersion);
    const after = await tx.keystore.findUniqueOrThrow({
      where: { id: row.id },
      include: { certificates: { orderBy: { position: "asc" } } },
    });
    await audit(
      tx,
      ctx,
      "rotate",
      { type: TARGET, name: row.name },
      {
        ...diff(auditable(current), auditable(after)),
        confirmed_warnings: { to: warnings.map((w) => w.code) },
        kept_as_version: { to: kept },
      },
    );
    const findings = await findingsOfStores(tx, "keystore", [row.id]);
    return toDto(ctx.org.name, after, findings.get(row.id)!, after.certificates);
  });
}
