import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { open, seal, sealedOf } from "@/lib/crypto/envelope";
import type { KeystoreMaterial } from "@/lib/crypto/keystore-rules";
import { toPem } from "@/lib/crypto/pem";
import { keyTypeLabel } from "@/lib/crypto/private-key";
import type { UploadFile } from "@/lib/crypto/upload";
import { titleKey } from "@/lib/tls/list-query";
import type { Finding } from "@/lib/tls/lint/finding";
import type { CsrSummary, KeystoreDto, KeystorePreview, KeystoreState } from "@/lib/tls/store-dto";
import { AppError } from "@/lib/errors";
import { STORE_SORT_FIELDS, type StoreListQuery, ZStoreMetaCreate, ZStoreMetaPatch } from "@/lib/tls/store-schema";
import { copyTitle, freeCopyName } from "@/lib/tls/duplicate";
import type { OrgContext } from "@/lib/server/access/require-org";
import { audit, diff } from "@/lib/server/platform/audit";
import { certificateColumns, certificateDto, infoDto, storedWarnings } from "@/lib/server/stores/certificates";
import { publicUrl } from "@/lib/server/platform/config";
import { masterKey } from "@/lib/server/platform/master-key";
import { db } from "@/lib/server/platform/db";
import { dependantsOf } from "@/lib/server/stores/dependants";
import { findingsOfStores, keystoreFindings } from "@/lib/server/lint/store-findings";
import { importRefusal } from "@/lib/server/stores/material-errors";
import { storeBase } from "@/lib/server/stores/store-base";
import { openKeystoreUpload } from "@/lib/server/platform/import-pool";
import { changeOf } from "@/lib/server/profiles/shared";
import { enforceMaterialPolicy } from "@/lib/server/policy/enforce";

export const TARGET = "keystore";

/** Files and the one-time password of an upload; `fileField` says where to report a problem with a file. */
export interface MaterialUpload {
  files: UploadFile[];
  password: string;
  allowExpired: boolean;
  fileField: (part: string) => string;
}

export type Row = Awaited<ReturnType<ReturnType<typeof db>["keystore"]["findFirstOrThrow"]>>;
type CertRow = Parameters<typeof certificateDto>[0];
type PendingRow = Awaited<ReturnType<ReturnType<typeof db>["keystorePending"]["findFirstOrThrow"]>>;
/** What the DTO shows of a pending key: never its sealed columns. */
export const PENDING_SUMMARY = {
  select: { keyType: true, subject: true, subjectAltNames: true, usage: true, createdAt: true, createdBy: true },
} as const;
type PendingSummary = Pick<PendingRow, keyof (typeof PENDING_SUMMARY)["select"]>;

export const AWAITING: KeystoreState = "awaiting_certificate";

export const base = storeBase<Row>(TARGET, (tx) => tx.keystore);

function csrSummary(p: PendingSummary): CsrSummary {
  return {
    subject: p.subject,
    subject_alt_names: p.subjectAltNames.split("\n").filter(Boolean),
    usage: p.usage as CsrSummary["usage"],
    key_type: p.keyType,
    created_at: p.createdAt.toISOString(),
    created_by: p.createdBy,
  };
}

export function toDto(
  orgName: string,
  row: Row & { pending?: PendingSummary | null },
  findings: Finding[],
  certificates?: CertRow[],
  usedBy?: KeystoreDto["used_by"],
): KeystoreDto {
  const orgUrl = `${publicUrl()}/api/orgs/${orgName}`;
  return {
    type: "keystore",
    id: row.id,
    name: row.name,
    title: row.title,
    summary: row.summary,
    state: row.state as KeystoreState,
    key_type: row.keyType,
    subject: row.subject,
    not_after: row.notAfter?.toISOString() ?? null,
    sha256_fingerprint: row.fingerprint,
    expired_accepted: row.expiredAccepted,
    is_default: row.isDefault,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    updated_by: row.updatedBy,
    row_version: row.rowVersion,
    url: `${orgUrl}/keystores/${row.name}`,
    org_url: orgUrl,
    findings,
    ...(row.pending && row.state === AWAITING ? { csr: csrSummary(row.pending) } : {}),
    ...(certificates ? { certificates: certificates.map(certificateDto) } : {}),
    ...(usedBy ? { used_by: usedBy } : {}),
  };
}

export async function verify(upload: MaterialUpload): Promise<KeystoreMaterial> {
  try {
    return await openKeystoreUpload({
      files: upload.files,
      password: upload.password,
      allowExpired: upload.allowExpired,
      now: new Date(),
    });
  } catch (e) {
    importRefusal(e, upload.fileField);
  }
}

export const keyTypeOf = (m: KeystoreMaterial) => keyTypeLabel(m.keyDescription);

/** What verified material would store, as the review step shows it. */
export const previewOf = (m: KeystoreMaterial): KeystorePreview => ({
  key_type: keyTypeOf(m),
  certificates: m.chain.map(infoDto),
  warnings: m.warnings,
  leaf_expired: m.leafExpired,
});

/**
 * Verifies an upload and shows what would be stored, without storing anything; material the policy refuses is refused
 * here already, at the file, so the review never shows as fine what saving would refuse.
 */
export async function previewKeystore(ctx: OrgContext, upload: MaterialUpload): Promise<KeystorePreview> {
  const m = await verify(upload);
  await enforceMaterialPolicy(db(), ctx, { name: "" }, m, upload.fileField);
  return previewOf(m);
}

/** Columns that change with the key material: sealed key, leaf facts, search text. */
export function materialColumns(orgId: string, id: string, m: KeystoreMaterial) {
  const keyDer = m.key.export({ type: "pkcs8", format: "der" });
  try {
    const leaf = m.chain[0];
    return {
      ...seal(masterKey(), { orgId, record: `keystore:${id}` }, keyDer),
      keyType: keyTypeOf(m),
      subject: leaf.subject,
      notAfter: new Date(leaf.notAfter),
      fingerprint: leaf.sha256,
      expiredAccepted: m.leafExpired,
      state: "active",
    };
  } finally {
    keyDer.fill(0);
  }
}

export const searchText = (title: string, name: string, summary: string, subject: string) =>
  [title, name, summary, subject].join(" ").toLowerCase();

export async function createKeystore(
  ctx: OrgContext,
  rawMeta: unknown,
  upload: MaterialUpload,
  isDefault = false,
): Promise<KeystoreDto> {
  const meta = ZStoreMetaCreate.parse(rawMeta);
  const m = await verify(upload);
  if (!isDefault) await enforceMaterialPolicy(db(), ctx, { name: meta.name }, m, upload.fileField);
  return insertKeystore(ctx, meta, m, isDefault);
}

/** Stores verified material as a new active keystore (an upload, or a self-signed certificate made here). */
export async function insertKeystore(
  ctx: OrgContext,
  meta: z.output<typeof ZStoreMetaCreate>,
  m: KeystoreMaterial,
  isDefault = false,
): Promise<KeystoreDto> {
  const id = randomUUID();
  try {
    return await db().$transaction(async (tx) => {
      await base.assertNameFree(tx, ctx, meta.name);
      const material = materialColumns(ctx.org.id, id, m);
      const row = await tx.keystore.create({
        data: {
          id,
          orgId: ctx.org.id,
          ...meta,
          titleKey: titleKey(meta.title),
          isDefault,
          ...material,
          searchText: searchText(meta.title, meta.name, meta.summary, material.subject),
          updatedBy: ctx.actor.email,
          certificates: { create: m.chain.map((c, i) => ({ orgId: ctx.org.id, ...certificateColumns(c, i) })) },
        },
        include: { certificates: { orderBy: { position: "asc" } } },
      });
      await audit(tx, ctx, "create", { type: TARGET, name: row.name }, diff({}, auditable(row)));
      return toDto(ctx.org.name, row, keystoreFindings(row.certificates), row.certificates, []);
    });
  } catch (e) {
    throw base.insertFailure(e, meta.name);
  }
}

/** What the audit log records: never key material, and whether an expired leaf was accepted. */
export function auditable(row: Row) {
  return {
    title: row.title,
    summary: row.summary,
    state: row.state,
    key_type: row.keyType,
    subject: row.subject,
    not_after: row.notAfter?.toISOString() ?? null,
    sha256_fingerprint: row.fingerprint,
    expired_accepted: row.expiredAccepted,
  };
}

export async function listKeystores(ctx: OrgContext, query: StoreListQuery) {
  const where = { orgId: ctx.org.id, ...(query.q ? { searchText: { contains: query.q.toLowerCase() } } : {}) };
  const [total, rows] = await db().$transaction([
    db().keystore.count({ where }),
    db().keystore.findMany({
      where,
      // Keystores awaiting a certificate have no expiry: last when sorted by it, in either direction, on both databases.
      orderBy: [
        query.sort === "not_after"
          ? { notAfter: { sort: query.direction, nulls: "last" as const } }
          : { [STORE_SORT_FIELDS[query.sort]]: query.direction },
        { name: query.direction },
      ],
      skip: query.offset,
      take: query.limit,
      include: { pending: PENDING_SUMMARY },
    }),
  ]);
  const findings = await findingsOfStores(
    db(),
    "keystore",
    rows.map((r) => r.id),
  );
  return { total_results: total, results: rows.map((r) => toDto(ctx.org.name, r, findings.get(r.id)!)) };
}

/**
 * Every keystore's name and title, for the pickers in the profile forms. One awaiting its certificate is listed
 * (a profile may not use it yet, and saying so beats hiding it) with that state as its note.
 */
export async function keystoreChoices(ctx: OrgContext) {
  const rows = await db().keystore.findMany({
    where: { orgId: ctx.org.id },
    select: { name: true, title: true, state: true },
    orderBy: { titleKey: "asc" },
  });
  return rows.map((r) => ({
    name: r.name,
    title: r.title,
    ...(r.state === AWAITING ? { note: "awaiting certificate" } : {}),
  }));
}

export async function getKeystore(ctx: OrgContext, name: string): Promise<KeystoreDto> {
  const row = await base.find(db(), ctx, name);
  const [certificates, usedBy, pending] = await Promise.all([
    db().certificate.findMany({ where: { keystoreId: row.id }, orderBy: { position: "asc" } }),
    dependantsOf(db(), { keystoreId: row.id }),
    db().keystorePending.findUnique({ where: { keystoreId: row.id }, ...PENDING_SUMMARY }),
  ]);
  return {
    ...toDto(ctx.org.name, { ...row, pending }, keystoreFindings(certificates), certificates, usedBy),
    warnings: storedWarnings(certificates, "keystore"),
  };
}

/** The public chain as one PEM file, leaf first. */
export async function keystoreChainPem(ctx: OrgContext, name: string): Promise<string> {
  const row = await base.find(db(), ctx, name);
  const certs = await db().certificate.findMany({
    where: { keystoreId: row.id },
    orderBy: { position: "asc" },
    select: { pem: true },
  });
  return certs.map((c) => c.pem).join("");
}

export async function updateKeystore(
  ctx: OrgContext,
  name: string,
  rawPatch: unknown,
  expectedRowVersion?: number,
): Promise<KeystoreDto> {
  const patch = ZStoreMetaPatch.parse(changeOf(rawPatch, name));
  return db().$transaction(async (tx) => {
    const row = await base.findEditable(tx, ctx, name);
    const title = patch.title ?? row.title;
    const summary = patch.summary ?? row.summary;
    await base.save(tx, ctx, row, expectedRowVersion, () => ({
      title,
      titleKey: titleKey(title),
      summary,
      searchText: searchText(title, row.name, summary, row.subject),
    }));
    const after = await tx.keystore.findUniqueOrThrow({ where: { id: row.id } });
    await audit(tx, ctx, "update", { type: TARGET, name }, diff(auditable(row), auditable(after)));
    return toDto(ctx.org.name, after, (await findingsOfStores(tx, "keystore", [row.id])).get(row.id)!);
  });
}

/** Deletes every listed keystore or none; one in use, protected or missing aborts the batch. */
export function deleteKeystores(ctx: OrgContext, names: string[]): Promise<number> {
  return base.removeAll(ctx, names, (_tx, row) => auditable(row));
}

/** Server-side only: the decrypted key and public chain for building TLS options. Never returned to a client. */
export async function keystoreSecret(orgId: string, id: string): Promise<{ keyPem: string; chainPem: string }> {
  const row = await db().keystore.findFirstOrThrow({
    where: { id, orgId },
    include: { certificates: { orderBy: { position: "asc" } } },
  });
  const sealed = sealedOf(row);
  if (!sealed) throw awaitingCertificate(row.name, "used");
  const der = open(masterKey(), { orgId: row.orgId, record: `keystore:${row.id}` }, sealed);
  try {
    return {
      keyPem: toPem("PRIVATE KEY", der),
      chainPem: row.certificates
        .filter((c) => !c.selfSigned || c.position === 0)
        .map((c) => c.pem)
        .join(""),
    };
  } finally {
    der.fill(0);
  }
}

/** "Duplicate to customize": the same key and chain under a new name, re-sealed for the new row. */
export async function duplicateKeystore(ctx: OrgContext, name: string): Promise<KeystoreDto> {
  const source = await base.find(db(), ctx, name);
  if (source.state === AWAITING) throw awaitingCertificate(source.name, "duplicated");
  const { keyPem, chainPem } = await keystoreSecret(ctx.org.id, source.id);
  const rootPem = (
    await db().certificate.findMany({
      where: { keystoreId: source.id, selfSigned: true, position: { gt: 0 } },
      select: { pem: true },
    })
  )
    .map((c) => c.pem)
    .join("");
  const title = copyTitle(source.title);
  const upload: MaterialUpload = {
    files: [{ name: "copy.pem", bytes: Buffer.from(keyPem + chainPem + rootPem) }],
    password: "",
    allowExpired: source.expiredAccepted,
    fileField: () => "file",
  };
  const copyName = await freeCopyName(source.name, base.nameTaken(ctx));
  return createKeystore(ctx, { title, name: copyName, summary: source.summary }, upload);
}

/** The refusal for anything a keystore awaiting its certificate cannot do yet. */
export function awaitingCertificate(name: string, verb: "used" | "replaced" | "duplicated"): AppError {
  return new AppError(
    "CONFLICT",
    `Keystore ${name} is still awaiting its certificate: it cannot be ${verb} until the signed certificate is uploaded.`,
  );
}
