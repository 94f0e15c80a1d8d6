import "server-only";
import type { TruststoreMaterial } from "@/lib/crypto/truststore-rules";
import { titleKey } from "@/lib/tls/list-query";
import { AppError } from "@/lib/errors";
import { copyTitle, freeCopyName } from "@/lib/tls/duplicate";
import type { Finding } from "@/lib/tls/lint/finding";
import type { TruststoreDto, TruststorePreview } from "@/lib/tls/store-dto";
import {
  STORE_SORT_FIELDS,
  type StoreListQuery,
  ZFingerprint,
  ZStoreMetaCreate,
  ZStoreMetaPatch,
} from "@/lib/tls/store-schema";
import type { OrgContext } from "@/lib/server/access/require-org";
import { audit, diff } from "@/lib/server/platform/audit";
import { certificateColumns, certificateDto, infoDto, storedWarnings } from "@/lib/server/stores/certificates";
import { publicUrl } from "@/lib/server/platform/config";
import { db, type Db } from "@/lib/server/platform/db";
import { dependantsOf } from "@/lib/server/stores/dependants";
import { findingsOfStores, truststoreFindings } from "@/lib/server/lint/store-findings";
import type { MaterialUpload } from "@/lib/server/stores/keystores";
import { importRefusal } from "@/lib/server/stores/material-errors";
import { storeBase } from "@/lib/server/stores/store-base";
import { openTruststoreUpload } from "@/lib/server/platform/import-pool";
import { changeOf } from "@/lib/server/profiles/shared";
import { dropVanishedNotices } from "@/lib/server/notifications/outbox";
import { keepTruststoreVersion } from "@/lib/server/stores/truststore-history";

export const TARGET = "truststore";

export type Row = Awaited<ReturnType<ReturnType<typeof db>["truststore"]["findFirstOrThrow"]>>;
type CertRow = Parameters<typeof certificateDto>[0];
type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export type CertificateUpload = Omit<MaterialUpload, "allowExpired">;

export const base = storeBase<Row>(TARGET, (tx) => tx.truststore);

export function toDto(
  orgName: string,
  row: Row & { _count?: { certificates: number } },
  findings: Finding[],
  certificates?: CertRow[],
  usedBy?: TruststoreDto["used_by"],
): TruststoreDto {
  const orgUrl = `${publicUrl()}/api/orgs/${orgName}`;
  return {
    type: "truststore",
    id: row.id,
    name: row.name,
    title: row.title,
    summary: row.summary,
    not_after: row.notAfter?.toISOString() ?? null,
    certificate_count: certificates?.length ?? row._count?.certificates ?? 0,
    is_default: row.isDefault,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    updated_by: row.updatedBy,
    row_version: row.rowVersion,
    url: `${orgUrl}/truststores/${row.name}`,
    org_url: orgUrl,
    findings,
    ...(certificates ? { certificates: certificates.map(certificateDto) } : {}),
    ...(usedBy ? { used_by: usedBy } : {}),
  };
}

async function verify(upload: CertificateUpload): Promise<TruststoreMaterial> {
  try {
    return await openTruststoreUpload(upload.files, upload.password, new Date());
  } catch (e) {
    importRefusal(e, upload.fileField);
  }
}

export async function previewTruststore(_ctx: OrgContext, upload: CertificateUpload): Promise<TruststorePreview> {
  const m = await verify(upload);
  return { certificates: m.certificates.map((c, i) => infoDto(c, i)), warnings: m.warnings };
}

const searchText = (title: string, name: string, summary: string) => [title, name, summary].join(" ").toLowerCase();

export function auditable(row: Row, fingerprints: string[]) {
  return { title: row.title, summary: row.summary, certificates: fingerprints };
}

/** Keeps the earliest expiry in the row, for the table and for expiry monitoring. */
export async function refreshExpiry(tx: Tx, id: string) {
  const first = await tx.certificate.findFirst({
    where: { truststoreId: id },
    orderBy: { notAfter: "asc" },
    select: { notAfter: true },
  });
  await tx.truststore.update({ where: { id }, data: { notAfter: first?.notAfter ?? null } });
}

export const certsOf = (tx: Pick<Db, "certificate">, id: string) =>
  tx.certificate.findMany({ where: { truststoreId: id }, orderBy: { position: "asc" } });

export async function createTruststore(
  ctx: OrgContext,
  rawMeta: unknown,
  upload: CertificateUpload,
  isDefault = false,
): Promise<TruststoreDto> {
  const meta = ZStoreMetaCreate.parse(rawMeta);
  const m = await verify(upload);
  try {
    return await db().$transaction(async (tx) => {
      await base.assertNameFree(tx, ctx, meta.name);
      const row = await tx.truststore.create({
        data: {
          orgId: ctx.org.id,
          ...meta,
          titleKey: titleKey(meta.title),
          isDefault,
          searchText: searchText(meta.title, meta.name, meta.summary),
          updatedBy: ctx.actor.email,
          certificates: { create: m.certificates.map((c, i) => ({ orgId: ctx.org.id, ...certificateColumns(c, i) })) },
        },
      });
      await refreshExpiry(tx, row.id);
      const after = await tx.truststore.findUniqueOrThrow({ where: { id: row.id } });
      await audit(
        tx,
        ctx,
        "create",
        { type: TARGET, name: row.name },
        diff(
          {},
          auditable(
            after,
            m.certificates.map((c) => c.sha256),
          ),
        ),
      );
      const certificates = await certsOf(tx, row.id);
      return toDto(ctx.org.name, after, truststoreFindings(certificates), certificates, []);
    });
  } catch (e) {
    throw base.insertFailure(e, meta.name);
  }
}

export async function listTruststores(ctx: OrgContext, query: StoreListQuery) {
  const where = { orgId: ctx.org.id, ...(query.q ? { searchText: { contains: query.q.toLowerCase() } } : {}) };
  const [total, rows] = await db().$transaction([
    db().truststore.count({ where }),
    db().truststore.findMany({
      where,
      orderBy: [{ [STORE_SORT_FIELDS[query.sort]]: query.direction }, { name: query.direction }],
      skip: query.offset,
      take: query.limit,
      include: { _count: { select: { certificates: true } } },
    }),
  ]);
  const findings = await findingsOfStores(
    db(),
    "truststore",
    rows.map((r) => r.id),
  );
  return { total_results: total, results: rows.map((r) => toDto(ctx.org.name, r, findings.get(r.id)!)) };
}

export async function truststoreChoices(ctx: OrgContext) {
  return db().truststore.findMany({
    where: { orgId: ctx.org.id },
    select: { name: true, title: true },
    orderBy: { titleKey: "asc" },
  });
}

export async function getTruststore(ctx: OrgContext, name: string): Promise<TruststoreDto> {
  const row = await base.find(db(), ctx, name);
  const [certificates, usedBy] = await Promise.all([
    certsOf(db(), row.id),
    dependantsOf(db(), { truststoreId: row.id }),
  ]);
  return {
    ...toDto(ctx.org.name, row, truststoreFindings(certificates), certificates, usedBy),
    warnings: storedWarnings(certificates, "truststore"),
  };
}

export async function truststorePem(ctx: OrgContext, name: string): Promise<string> {
  const row = await base.find(db(), ctx, name);
  return (await certsOf(db(), row.id)).map((c) => c.pem).join("");
}

/** Runs a change to an editable truststore under its row version, then audits and returns the new state. */
async function change(
  ctx: OrgContext,
  name: string,
  expectedRowVersion: number | undefined,
  action: string,
  apply: (tx: Tx, row: Row) => Promise<Partial<Pick<Row, "title" | "summary">>>,
): Promise<TruststoreDto> {
  return db().$transaction(async (tx) => {
    const row = await base.findEditable(tx, ctx, name);
    const before = (await certsOf(tx, row.id)).map((c) => c.sha256);
    await base.save(tx, ctx, row, expectedRowVersion, async () => {
      const fields = await apply(tx, row);
      const title = fields.title ?? row.title;
      const summary = fields.summary ?? row.summary;
      return { title, titleKey: titleKey(title), summary, searchText: searchText(title, row.name, summary) };
    });
    await refreshExpiry(tx, row.id);
    const after = await tx.truststore.findUniqueOrThrow({ where: { id: row.id } });
    const certificates = await certsOf(tx, row.id);
    await audit(
      tx,
      ctx,
      action,
      { type: TARGET, name },
      diff(
        auditable(row, before),
        auditable(
          after,
          certificates.map((c) => c.sha256),
        ),
      ),
    );
    return toDto(ctx.org.name, after, truststoreFindings(certificates), certificates);
  });
}

export function updateTruststore(ctx: OrgContext, name: string, rawPatch: unknown, expectedRowVersion?: number) {
  const patch = ZStoreMetaPatch.parse(changeOf(rawPatch, name));
  return change(ctx, name, expectedRowVersion, "update", async () => patch);
}

/** Adds certificates; one already present (same SHA-256) is merged, not duplicated. */
export async function addTruststoreCertificates(
  ctx: OrgContext,
  name: string,
  upload: CertificateUpload,
  expectedRowVersion?: number,
) {
  const m = await verify(upload);
  return change(ctx, name, expectedRowVersion, "add-certificates", async (tx, row) => {
    const existing = await certsOf(tx, row.id);
    const known = new Set(existing.map((c) => c.sha256));
    const next = existing.reduce((max, c) => Math.max(max, c.position + 1), 0);
    const fresh = m.certificates.filter((c) => !known.has(c.sha256));
    if (fresh.length) await keepTruststoreVersion(tx, ctx, row, "add-certificates", new Date());
    await tx.certificate.createMany({
      data: fresh.map((c, i) => ({ orgId: ctx.org.id, truststoreId: row.id, ...certificateColumns(c, next + i) })),
    });
    return {};
  });
}

export function removeTruststoreCertificate(
  ctx: OrgContext,
  name: string,
  rawFingerprint: string,
  expectedRowVersion?: number,
) {
  const fingerprint = ZFingerprint.parse(rawFingerprint).toUpperCase();
  return change(ctx, name, expectedRowVersion, "remove-certificate", async (tx, row) => {
    const certs = await certsOf(tx, row.id);
    const target = certs.find((c) => c.sha256 === fingerprint);
    if (!target)
      throw new AppError("NOT_FOUND", `The truststore "${name}" holds no certificate with fingerprint ${fingerprint}.`);
    if (certs.length === 1)
      throw new AppError(
        "CONFLICT",
        "A truststore needs at least one certificate; add another before removing this one, or delete the truststore.",
      );
    await keepTruststoreVersion(tx, ctx, row, "remove-certificate", new Date());
    await tx.certificate.delete({ where: { id: target.id } });
    await dropVanishedNotices(tx, ctx.org.id);
    return {};
  });
}

/** Deletes every listed truststore or none; one in use, protected or missing aborts the batch. */
export function deleteTruststores(ctx: OrgContext, names: string[]): Promise<number> {
  return base.removeAll(ctx, names, async (tx, row) =>
    auditable(
      row,
      (await certsOf(tx, row.id)).map((c) => c.sha256),
    ),
  );
}

/** Server-side only: the CA certificates for building TLS options. */
export async function truststoreCertificates(orgId: string, id: string): Promise<string[]> {
  const certs = await db().certificate.findMany({
    where: { truststoreId: id, orgId },
    orderBy: { position: "asc" },
    select: { pem: true },
  });
  return certs.map((c) => c.pem);
}

/** "Duplicate to customize": the same certificates under a new name. */
export async function duplicateTruststore(ctx: OrgContext, name: string): Promise<TruststoreDto> {
  const source = await base.find(db(), ctx, name);
  const pem = (await certsOf(db(), source.id)).map((c) => c.pem).join("");
  return createTruststore(
    ctx,
    {
      title: copyTitle(source.title),
      name: await freeCopyName(source.name, base.nameTaken(ctx)),
      summary: source.summary,
    },
    { files: [{ name: "copy.pem", bytes: Buffer.from(pem) }], password: "", fileField: () => "file" },
  );
}
