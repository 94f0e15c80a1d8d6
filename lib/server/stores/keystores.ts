import "server-only";
import { randomUUID } from "node:crypto";
import { open, seal } from "@/lib/crypto/envelope";
import type { KeystoreMaterial } from "@/lib/crypto/keystore-rules";
import { toPem } from "@/lib/crypto/pem";
import type { UploadFile } from "@/lib/crypto/upload";
import { AppError } from "@/lib/errors";
import type { KeystoreDto, KeystorePreview } from "@/lib/tls/store-dto";
import { STORE_SORT_FIELDS, type StoreListQuery, ZStoreMetaCreate, ZStoreMetaPatch } from "@/lib/tls/store-schema";
import { ZName } from "@/lib/tls/client-profile-schema";
import { copyTitle, freeCopyName } from "@/lib/tls/duplicate";
import type { OrgContext } from "@/lib/server/access/require-org";
import { audit, diff, removed } from "@/lib/server/platform/audit";
import { certificateColumns, certificateDto, infoDto, storedWarnings } from "@/lib/server/stores/certificates";
import { publicUrl } from "@/lib/server/platform/config";
import { masterKey } from "@/lib/server/platform/master-key";
import { db, type Db } from "@/lib/server/platform/db";
import { dependantsOf, inUse, protectedDefault } from "@/lib/server/stores/dependants";
import { importRefusal } from "@/lib/server/stores/material-errors";
import { openKeystoreUpload } from "@/lib/server/platform/import-pool";
import { isForeignKeyViolation, isUniqueViolation } from "@/lib/server/platform/prisma-errors";
import { changeOf } from "@/lib/server/profiles/shared";

export const TARGET = "keystore";

/** Files and the one-time password of an upload; `fileField` says where to report a problem with a file. */
export interface MaterialUpload {
  files: UploadFile[];
  password: string;
  allowExpired: boolean;
  fileField: (part: string) => string;
}

type Row = Awaited<ReturnType<ReturnType<typeof db>["keystore"]["findFirstOrThrow"]>>;
type CertRow = Parameters<typeof certificateDto>[0];

function toDto(orgName: string, row: Row, certificates?: CertRow[], usedBy?: KeystoreDto["used_by"]): KeystoreDto {
  const orgUrl = `${publicUrl()}/api/orgs/${orgName}`;
  return {
    type: "keystore",
    id: row.id,
    name: row.name,
    title: row.title,
    summary: row.summary,
    key_type: row.keyType,
    subject: row.subject,
    not_after: row.notAfter.toISOString(),
    sha256_fingerprint: row.fingerprint,
    expired_accepted: row.expiredAccepted,
    is_default: row.isDefault,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    updated_by: row.updatedBy,
    row_version: row.rowVersion,
    url: `${orgUrl}/keystores/${row.name}`,
    org_url: orgUrl,
    ...(certificates ? { certificates: certificates.map(certificateDto) } : {}),
    ...(usedBy ? { used_by: usedBy } : {}),
  };
}

async function verify(upload: MaterialUpload): Promise<KeystoreMaterial> {
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

const keyTypeOf = (m: KeystoreMaterial) =>
  m.keyDescription.type === "EC"
    ? `EC ${m.keyDescription.curve}`
    : m.keyDescription.type === "RSA"
      ? `RSA ${m.keyDescription.bits}`
      : "Ed25519";

/** Verifies an upload and shows what would be stored, without storing anything. */
export async function previewKeystore(_ctx: OrgContext, upload: MaterialUpload): Promise<KeystorePreview> {
  const m = await verify(upload);
  return {
    key_type: keyTypeOf(m),
    certificates: m.chain.map(infoDto),
    warnings: m.warnings,
    leaf_expired: m.leafExpired,
  };
}

/** Columns that change with the key material: sealed key, leaf facts, search text. */
function materialColumns(id: string, m: KeystoreMaterial) {
  const keyDer = m.key.export({ type: "pkcs8", format: "der" });
  try {
    const leaf = m.chain[0];
    return {
      ...seal(masterKey(), `keystore:${id}`, keyDer),
      keyType: keyTypeOf(m),
      subject: leaf.subject,
      notAfter: new Date(leaf.notAfter),
      fingerprint: leaf.sha256,
      expiredAccepted: m.leafExpired,
    };
  } finally {
    keyDer.fill(0);
  }
}

const searchText = (title: string, name: string, summary: string, subject: string) =>
  [title, name, summary, subject].join(" ").toLowerCase();

function clash(name: string): AppError {
  return new AppError("CONFLICT", `A keystore named "${name}" already exists.`, [
    { field: "name", message: `"${name}" is taken. Choose another name.` },
  ]);
}

export async function createKeystore(
  ctx: OrgContext,
  rawMeta: unknown,
  upload: MaterialUpload,
  isDefault = false,
): Promise<KeystoreDto> {
  const meta = ZStoreMetaCreate.parse(rawMeta);
  const m = await verify(upload);
  const id = randomUUID();
  try {
    return await db().$transaction(async (tx) => {
      if (
        await tx.keystore.findUnique({
          where: { orgId_name: { orgId: ctx.org.id, name: meta.name } },
          select: { id: true },
        })
      )
        throw clash(meta.name);
      const material = materialColumns(id, m);
      const row = await tx.keystore.create({
        data: {
          id,
          orgId: ctx.org.id,
          ...meta,
          isDefault,
          ...material,
          searchText: searchText(meta.title, meta.name, meta.summary, material.subject),
          updatedBy: ctx.actor.email,
          certificates: { create: m.chain.map((c, i) => ({ orgId: ctx.org.id, ...certificateColumns(c, i) })) },
        },
        include: { certificates: { orderBy: { position: "asc" } } },
      });
      await audit(tx, ctx, "create", { type: TARGET, name: row.name }, diff({}, auditable(row)));
      return toDto(ctx.org.name, row, row.certificates, []);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw clash(meta.name);
    throw e;
  }
}

/** What the audit log records: never key material, and whether an expired leaf was accepted. */
function auditable(row: Row) {
  return {
    title: row.title,
    summary: row.summary,
    key_type: row.keyType,
    subject: row.subject,
    not_after: row.notAfter.toISOString(),
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
      orderBy: [{ [STORE_SORT_FIELDS[query.sort]]: query.direction }, { name: query.direction }],
      skip: query.offset,
      take: query.limit,
    }),
  ]);
  return { total_results: total, results: rows.map((r) => toDto(ctx.org.name, r)) };
}

/** Every keystore's name and title, for the pickers in the profile forms. */
export async function keystoreChoices(ctx: OrgContext) {
  return db().keystore.findMany({
    where: { orgId: ctx.org.id },
    select: { name: true, title: true },
    orderBy: { title: "asc" },
  });
}

type Reader = Pick<Db, "keystore">;

async function findRow(tx: Reader, ctx: OrgContext, rawName: string): Promise<Row> {
  const name = ZName.safeParse(rawName);
  const row = name.success
    ? await tx.keystore.findUnique({ where: { orgId_name: { orgId: ctx.org.id, name: name.data } } })
    : null;
  if (!row) throw new AppError("NOT_FOUND", `No keystore named "${rawName}".`);
  return row;
}

export async function getKeystore(ctx: OrgContext, name: string): Promise<KeystoreDto> {
  const row = await findRow(db(), ctx, name);
  const [certificates, usedBy] = await Promise.all([
    db().certificate.findMany({ where: { keystoreId: row.id }, orderBy: { position: "asc" } }),
    dependantsOf(db(), { keystoreId: row.id }),
  ]);
  return { ...toDto(ctx.org.name, row, certificates, usedBy), warnings: storedWarnings(certificates, "keystore") };
}

/** The public chain as one PEM file, leaf first. */
export async function keystoreChainPem(ctx: OrgContext, name: string): Promise<string> {
  const row = await findRow(db(), ctx, name);
  const certs = await db().certificate.findMany({
    where: { keystoreId: row.id },
    orderBy: { position: "asc" },
    select: { pem: true },
  });
  return certs.map((c) => c.pem).join("");
}

function stale(row: Row): AppError {
  return new AppError(
    "STALE",
    `This keystore was changed by ${row.updatedBy} at ${row.updatedAt.toISOString()} — reload to see their changes.`,
  );
}

export async function updateKeystore(
  ctx: OrgContext,
  name: string,
  rawPatch: unknown,
  expectedRowVersion?: number,
): Promise<KeystoreDto> {
  const patch = ZStoreMetaPatch.parse(changeOf(rawPatch, name));
  return db().$transaction(async (tx) => {
    const row = await findRow(tx, ctx, name);
    if (row.isDefault) throw protectedDefault("keystore", name);
    if (expectedRowVersion !== undefined && row.rowVersion !== expectedRowVersion) throw stale(row);
    const title = patch.title ?? row.title;
    const summary = patch.summary ?? row.summary;
    const { count } = await tx.keystore.updateMany({
      where: { id: row.id, rowVersion: row.rowVersion },
      data: {
        title,
        summary,
        searchText: searchText(title, row.name, summary, row.subject),
        updatedBy: ctx.actor.email,
        rowVersion: { increment: 1 },
      },
    });
    if (count === 0) throw stale(await tx.keystore.findUniqueOrThrow({ where: { id: row.id } }));
    const after = await tx.keystore.findUniqueOrThrow({ where: { id: row.id } });
    await audit(tx, ctx, "update", { type: TARGET, name }, diff(auditable(row), auditable(after)));
    return toDto(ctx.org.name, after);
  });
}

/**
 * Rotation: new key and chain under the same name, so every profile using the keystore picks them up.
 * The old material is replaced in one transaction; the audit record keeps both fingerprints.
 */
export async function replaceKeystoreMaterial(
  ctx: OrgContext,
  name: string,
  upload: MaterialUpload,
  expectedRowVersion?: number,
): Promise<KeystoreDto> {
  const m = await verify(upload);
  return db().$transaction(async (tx) => {
    const row = await findRow(tx, ctx, name);
    if (row.isDefault) throw protectedDefault("keystore", name);
    if (expectedRowVersion !== undefined && row.rowVersion !== expectedRowVersion) throw stale(row);
    const material = materialColumns(row.id, m);
    const { count } = await tx.keystore.updateMany({
      where: { id: row.id, rowVersion: row.rowVersion },
      data: {
        ...material,
        searchText: searchText(row.title, row.name, row.summary, material.subject),
        updatedBy: ctx.actor.email,
        rowVersion: { increment: 1 },
      },
    });
    if (count === 0) throw stale(await tx.keystore.findUniqueOrThrow({ where: { id: row.id } }));
    await tx.certificate.deleteMany({ where: { keystoreId: row.id } });
    await tx.certificate.createMany({
      data: m.chain.map((c, i) => ({ orgId: ctx.org.id, keystoreId: row.id, ...certificateColumns(c, i) })),
    });
    const after = await tx.keystore.findUniqueOrThrow({
      where: { id: row.id },
      include: { certificates: { orderBy: { position: "asc" } } },
    });
    await audit(tx, ctx, "rotate", { type: TARGET, name }, diff(auditable(row), auditable(after)));
    return toDto(ctx.org.name, after, after.certificates);
  });
}

/** Deletes every listed keystore or none; one in use, protected or missing aborts the batch. */
export async function deleteKeystores(ctx: OrgContext, names: string[]): Promise<number> {
  if (!Array.isArray(names) || names.length === 0 || names.length > 100)
    throw new AppError("VALIDATION", "Name 1 to 100 keystores to delete.");
  try {
    return await db().$transaction(async (tx) => {
      for (const name of names) {
        const row = await findRow(tx, ctx, String(name));
        if (row.isDefault) throw protectedDefault("keystore", row.name);
        const dependants = await dependantsOf(tx, { keystoreId: row.id });
        if (dependants.length) throw inUse("keystore", row.name, dependants);
        await tx.keystore.delete({ where: { id: row.id } });
        await audit(tx, ctx, "delete", { type: TARGET, name: row.name }, removed(auditable(row)));
      }
      return names.length;
    });
  } catch (e) {
    // The database's restricting foreign keys catch a profile that started using the keystore meanwhile.
    if (isForeignKeyViolation(e))
      throw new AppError(
        "CONFLICT",
        "A profile started using this keystore while it was being deleted; nothing was deleted.",
      );
    throw e;
  }
}

/** Server-side only: the decrypted key and public chain for building TLS options. Never returned to a client. */
export async function keystoreSecret(orgId: string, id: string): Promise<{ keyPem: string; chainPem: string }> {
  const row = await db().keystore.findFirstOrThrow({
    where: { id, orgId },
    include: { certificates: { orderBy: { position: "asc" } } },
  });
  const der = open(masterKey(), `keystore:${row.id}`, row);
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
  const source = await findRow(db(), ctx, name);
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
  const exists = (candidate: string) =>
    db()
      .keystore.count({ where: { orgId: ctx.org.id, name: candidate } })
      .then((n) => n > 0);
  return createKeystore(ctx, { title, name: await freeCopyName(source.name, exists), summary: source.summary }, upload);
}
