import "server-only";
import { AppError } from "@/lib/errors";
import type { TruststoreVersionDto } from "@/lib/tls/rotation-dto";
import { assertConfirmed, ZRestoreBody } from "@/lib/tls/rotation-schema";
import type { TruststoreDto } from "@/lib/tls/store-dto";
import { truststoreSetDiff } from "@/lib/tls/truststore-diff";
import type { OrgContext } from "@/lib/server/access/require-org";
import { truststoreFindings } from "@/lib/server/lint/store-findings";
import { dropVanishedNotices } from "@/lib/server/notifications/outbox";
import { audit, diff } from "@/lib/server/platform/audit";
import { db } from "@/lib/server/platform/db";
import { certificateColumns, infoDto } from "@/lib/server/stores/certificates";
import { dependantsOf } from "@/lib/server/stores/dependants";
import { chainOf } from "@/lib/server/stores/rotation-material";
import { keepTruststoreVersion } from "@/lib/server/stores/truststore-history";
import { auditable, base, certsOf, refreshExpiry, TARGET, toDto } from "@/lib/server/stores/truststores";

/**
 * A truststore's earlier certificate sets (ADR 026): every add and remove keeps the set it changed; "Roll back"
 * restores one (the set it replaces kept as a new version), after a diff that names what comes back and what goes.
 */

const facts = (c: { sha256: string; subject: string }) => ({ sha256: c.sha256, subject: c.subject });

export async function listTruststoreVersions(ctx: OrgContext, name: string) {
  const row = await base.find(db(), ctx, name);
  const [versions, current, profiles] = await Promise.all([
    db().truststoreVersion.findMany({ where: { truststoreId: row.id }, orderBy: { number: "desc" } }),
    certsOf(db(), row.id),
    dependantsOf(db(), { truststoreId: row.id }),
  ]);
  const now = current.map(facts);
  const nowKey = [...now.map((c) => c.sha256)].sort().join();
  const results = versions.map((v): TruststoreVersionDto => {
    const set = chainOf(v.pem);
    return {
      number: v.number,
      certificate_count: set.length,
      certificates: set.map((c, i) => infoDto(c, i)),
      retired_at: v.retiredAt.toISOString(),
      retired_by: v.retiredBy,
      retired_how: v.retiredHow,
      current:
        set
          .map((c) => c.sha256)
          .sort()
          .join() === nowKey,
      diff: truststoreSetDiff(now, set.map(facts), profiles),
    };
  });
  return { total_results: results.length, results };
}

/** Restores certificate set `number`; a warning (anchors taken from a truststore in use) must be confirmed by code. */
export async function restoreTruststoreVersion(
  ctx: OrgContext,
  name: string,
  number: number,
  rawBody: unknown,
): Promise<TruststoreDto> {
  const { confirm } = ZRestoreBody.parse(rawBody ?? {});
  const row = await base.findEditable(db(), ctx, name);
  const version = Number.isSafeInteger(number)
    ? await db().truststoreVersion.findUnique({ where: { truststoreId_number: { truststoreId: row.id, number } } })
    : null;
  if (!version)
    throw new AppError(
      "NOT_FOUND",
      Number.isSafeInteger(number)
        ? `Truststore ${row.name} keeps no version ${number}.`
        : `A version is a whole number; truststore ${row.name} lists the ones it keeps.`,
    );
  const set = chainOf(version.pem);
  const [current, profiles] = await Promise.all([certsOf(db(), row.id), dependantsOf(db(), { truststoreId: row.id })]);
  const setDiff = truststoreSetDiff(current.map(facts), set.map(facts), profiles);
  if (setDiff.added.length === 0 && setDiff.removed.length === 0)
    throw new AppError("CONFLICT", `Version ${number} of truststore ${row.name} holds the current certificates.`);
  assertConfirmed(setDiff.warnings, confirm);
  return db().$transaction(async (tx) => {
    const editable = await base.findEditable(tx, ctx, name);
    const before = (await certsOf(tx, row.id)).map((c) => c.sha256);
    let kept = 0;
    // Under the row version read for the diff: a truststore changed meanwhile is refused, not overwritten.
    await base.save(tx, ctx, editable, row.rowVersion, async () => {
      kept = await keepTruststoreVersion(tx, ctx, editable, "restore", new Date());
      await tx.certificate.deleteMany({ where: { truststoreId: row.id } });
      await tx.certificate.createMany({
        data: set.map((c, i) => ({ orgId: ctx.org.id, truststoreId: row.id, ...certificateColumns(c, i) })),
      });
      return {};
    });
    await refreshExpiry(tx, row.id);
    await dropVanishedNotices(tx, ctx.org.id);
    const after = await tx.truststore.findUniqueOrThrow({ where: { id: row.id } });
    const certificates = await certsOf(tx, row.id);
    await audit(
      tx,
      ctx,
      "restore-version",
      { type: TARGET, name: row.name },
      {
        ...diff(
          auditable(editable, before),
          auditable(
            after,
            certificates.map((c) => c.sha256),
          ),
        ),
        restored_version: { to: number },
        kept_as_version: { to: kept },
        confirmed_warnings: { to: setDiff.warnings.map((w) => w.code) },
      },
    );
    return toDto(ctx.org.name, after, truststoreFindings(certificates), certificates);
  });
}
