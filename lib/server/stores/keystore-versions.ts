import "server-only";
import { AppError } from "@/lib/errors";
import type { KeystoreVersionDto } from "@/lib/tls/rotation-dto";
import { assertConfirmed, ZRestoreBody } from "@/lib/tls/rotation-schema";
import type { KeystoreDto } from "@/lib/tls/store-dto";
import type { OrgContext } from "@/lib/server/access/require-org";
import { findingsOfStores } from "@/lib/server/lint/store-findings";
import { audit, diff } from "@/lib/server/platform/audit";
import { db } from "@/lib/server/platform/db";
import { infoDto } from "@/lib/server/stores/certificates";
import { enforceMaterialPolicy } from "@/lib/server/policy/enforce";
import { storedMaterialField, swapMaterial } from "@/lib/server/stores/keystore-swap";
import { auditable, AWAITING, base, TARGET, toDto } from "@/lib/server/stores/keystores";
import { differFor } from "@/lib/server/stores/rotation-facts";
import { bindings, chainOf, openMaterial } from "@/lib/server/stores/rotation-material";

/**
 * A keystore's earlier materials (ADR 026) and "Roll back": a kept version becomes the current material again, the
 * one it replaces kept as a new version, after the same diff and confirmation as an activation.
 */

/** The kept versions, newest first, each with what restoring it would change. */
export async function listKeystoreVersions(ctx: OrgContext, name: string, now = new Date()) {
  const row = await base.find(db(), ctx, name);
  const versions = await db().keystoreVersion.findMany({
    where: { keystoreId: row.id },
    orderBy: { number: "desc" },
  });
  if (versions.length === 0 || row.state === AWAITING) return { total_results: versions.length, results: [] };
  const differ = await differFor(row, now);
  const results = versions.map((v): KeystoreVersionDto => {
    const chain = chainOf(v.chainPem);
    return {
      number: v.number,
      key_type: v.keyType,
      subject: v.subject,
      sha256_fingerprint: v.fingerprint,
      not_after: v.notAfter.toISOString(),
      retired_at: v.retiredAt.toISOString(),
      retired_by: v.retiredBy,
      retired_how: v.retiredHow,
      current: v.fingerprint === row.fingerprint,
      certificates: chain.map((c, i) => infoDto(c, i)),
      diff: differ(v.keyType, v.chainPem),
    };
  });
  return { total_results: results.length, results };
}

/** Restores version `number` as the current material; every warning of its diff must be confirmed by code. */
export async function restoreKeystoreVersion(
  ctx: OrgContext,
  name: string,
  number: number,
  rawBody: unknown,
  now = new Date(),
): Promise<KeystoreDto> {
  const { confirm } = ZRestoreBody.parse(rawBody ?? {});
  const row = await base.findEditable(db(), ctx, name);
  const version = Number.isSafeInteger(number)
    ? await db().keystoreVersion.findUnique({ where: { keystoreId_number: { keystoreId: row.id, number } } })
    : null;
  if (!version)
    throw new AppError(
      "NOT_FOUND",
      Number.isSafeInteger(number)
        ? `Keystore ${row.name} keeps no version ${number}.`
        : `A version is a whole number; keystore ${row.name} lists the ones it keeps.`,
    );
  if (version.fingerprint === row.fingerprint)
    throw new AppError("CONFLICT", `Version ${number} of keystore ${row.name} is already the current material.`);
  const next = openMaterial(
    bindings.version(row.orgId, version.id),
    version,
    version.chainPem,
    version.expiredAccepted,
  );
  // A kept version is held to the policy in force now, like any material swapped in (ADR 026, "Policy").
  await enforceMaterialPolicy(db(), ctx, { name: row.name, keystoreId: row.id }, next, storedMaterialField);
  const warnings = (await differFor(row, now))(version.keyType, version.chainPem).warnings;
  assertConfirmed(warnings, confirm);
  return db().$transaction(async (tx) => {
    const current = await base.findEditable(tx, ctx, name);
    // Against the version the diff was made from: a keystore changed meanwhile is refused (stale), not swapped.
    const kept = await swapMaterial(tx, ctx, current, next, "restore", now, row.rowVersion);
    const after = await tx.keystore.findUniqueOrThrow({
      where: { id: row.id },
      include: { certificates: { orderBy: { position: "asc" } } },
    });
    await audit(
      tx,
      ctx,
      "restore-version",
      { type: TARGET, name: row.name },
      {
        ...diff(auditable(current), auditable(after)),
        restored_version: { to: number },
        kept_as_version: { to: kept },
        confirmed_warnings: { to: warnings.map((w) => w.code) },
      },
    );
    const findings = await findingsOfStores(tx, "keystore", [row.id]);
    return toDto(ctx.org.name, after, findings.get(row.id)!, after.certificates);
  });
}
