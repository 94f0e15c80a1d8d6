import "server-only";
import { lacksIssuer } from "@/lib/tls/lint/keystore";
import { keystoreFindings } from "@/lib/server/lint/store-findings";
import { randomUUID } from "node:crypto";
import { open, seal } from "@/lib/crypto/envelope";
import { ImportError } from "@/lib/crypto/import-error";
import type { KeystoreMaterial } from "@/lib/crypto/keystore-rules";
import { toPem } from "@/lib/crypto/pem";
import type { UploadFile } from "@/lib/crypto/upload";
import { AppError } from "@/lib/errors";
import { KEY_TYPE_LABELS, type KeyRequest, subjectLine, ZGenerateField } from "@/lib/tls/key-request";
import { titleKey } from "@/lib/tls/list-query";
import type { KeystoreDto } from "@/lib/tls/store-dto";
import { ZStoreMetaCreate } from "@/lib/tls/store-schema";
import type { OrgContext } from "@/lib/server/access/require-org";
import { audit, diff } from "@/lib/server/platform/audit";
import { db } from "@/lib/server/platform/db";
import { generateKeyMaterial, openKeystoreUpload } from "@/lib/server/platform/import-pool";
import { masterKey } from "@/lib/server/platform/master-key";
import { certificateColumns } from "@/lib/server/stores/certificates";
import { enforceKeyRequestPolicy, enforceMaterialPolicy } from "@/lib/server/policy/enforce";
import {
  auditable,
  AWAITING,
  base,
  insertKeystore,
  materialColumns,
  PENDING_SUMMARY,
  searchText,
  TARGET,
  toDto,
} from "@/lib/server/stores/keystores";
import { bindings } from "@/lib/server/stores/rotation-material";

/**
 * Keys born in the console (issue 10, ADR 024): a key generated on a worker thread, sealed at once, with its CSR
 * kept as the keystore's pending material until the signed certificate comes back; or a self-signed certificate,
 * stored as an active keystore straight away. The private key never leaves the data layer.
 */

/** Where a pending key is sealed: its own record, so it cannot be mistaken for (or swapped with) a keystore's key. */
const pendingBinding = bindings.pending;

/** A generation refused by the pool (deadline, memory) is the server's limit, said in words, never a 500. */
export async function generate(request: KeyRequest) {
  try {
    return await generateKeyMaterial(request, new Date());
  } catch (e) {
    if (e instanceof ImportError)
      throw new AppError("VALIDATION", e.message, [{ field: "generate.key_type", message: e.message }]);
    throw e;
  }
}

/** Creates a keystore from a key generated here: awaiting its certificate, or active with a self-signed one. */
export async function generateKeystore(ctx: OrgContext, rawMeta: unknown, rawRequest: unknown): Promise<KeystoreDto> {
  const meta = ZStoreMetaCreate.parse(rawMeta);
  const request = ZGenerateField.parse({ generate: rawRequest }).generate;
  await enforceKeyRequestPolicy(db(), ctx, request);
  const generated = await generate(request);
  if (generated.selfSigned) return insertKeystore(ctx, meta, generated.selfSigned);
  const id = randomUUID();
  const pendingId = randomUUID();
  const subject = subjectLine(request.subject);
  const keyDer = generated.key.export({ type: "pkcs8", format: "der" });
  try {
    return await db().$transaction(async (tx) => {
      await base.assertNameFree(tx, ctx, meta.name);
      const keyType = KEY_TYPE_LABELS[request.key_type];
      const row = await tx.keystore.create({
        data: {
          id,
          orgId: ctx.org.id,
          ...meta,
          titleKey: titleKey(meta.title),
          state: AWAITING,
          keyType,
          subject,
          searchText: searchText(meta.title, meta.name, meta.summary, subject),
          updatedBy: ctx.actor.email,
          pending: {
            create: {
              id: pendingId,
              orgId: ctx.org.id,
              keyType,
              ...seal(masterKey(), pendingBinding(ctx.org.id, pendingId), keyDer),
              csrPem: generated.csrPem,
              subject,
              subjectAltNames: request.subject_alt_names.join("\n"),
              usage: request.usage,
              createdBy: ctx.actor.email,
            },
          },
        },
        include: { pending: PENDING_SUMMARY },
      });
      await audit(
        tx,
        ctx,
        "create",
        { type: TARGET, name: row.name },
        diff({}, { ...auditable(row), csr_subject_alt_names: request.subject_alt_names, csr_usage: request.usage }),
      );
      return toDto(ctx.org.name, row, [], []);
    });
  } catch (e) {
    throw base.insertFailure(e, meta.name);
  } finally {
    keyDer.fill(0);
  }
}

/** The certificate signing request of a keystore awaiting its certificate, as PEM. */
export async function keystoreCsrPem(ctx: OrgContext, name: string): Promise<string> {
  const row = await base.find(db(), ctx, name);
  const pending = await db().keystorePending.findUnique({ where: { keystoreId: row.id }, select: { csrPem: true } });
  if (row.state !== AWAITING || !pending)
    throw new AppError("NOT_FOUND", `Keystore ${row.name} has no certificate signing request: it is not awaiting one.`);
  return pending.csrPem;
}

/** The signed certificate (+ chain) for a pending key; `allowExpired` is "upload anyway", as for uploads. */
export interface SignedCertificate {
  files: UploadFile[];
  allowExpired: boolean;
}

/** Every refusal of a completion belongs to the certificate: the key is ours and cannot be at fault. */
function certificateRefusal(e: unknown): never {
  if (!(e instanceof ImportError)) throw e;
  const message =
    e.code === "KEY_MISMATCH"
      ? "This certificate was not issued for this keystore's key: it does not match the key in the certificate signing request. Upload the certificate the CA signed from this keystore's CSR."
      : e.code === "NO_CERTIFICATE"
        ? "No certificate found. Upload the signed certificate as PEM, DER or PKCS#7."
        : e.message;
  const fieldErrors = [{ field: "certificate", message }];
  if (e.part === "allowExpired") fieldErrors.push({ field: "allow_expired", message });
  throw new AppError(e.code === "TOO_LARGE" ? "PAYLOAD_TOO_LARGE" : "VALIDATION", message, fieldErrors);
}

/** Opens the pending key (in memory, only to check the certificate against it in the worker) and verifies. */
export async function verifyCompletion(
  ctx: OrgContext,
  pending: { id: string; keyCiphertext: string; wrappedDataKey: string; masterKeyId: string },
  upload: SignedCertificate,
): Promise<KeystoreMaterial> {
  if (upload.files.length === 0)
    throw new AppError("VALIDATION", "Add the signed certificate.", [
      { field: "certificate", message: "Add the signed certificate" },
    ]);
  const der = open(masterKey(), pendingBinding(ctx.org.id, pending.id), pending);
  const keyFile = { name: "pending key", bytes: Buffer.from(toPem("PRIVATE KEY", der)) };
  der.fill(0);
  let material: KeystoreMaterial;
  try {
    material = await openKeystoreUpload({
      files: [keyFile, ...upload.files],
      password: "",
      allowExpired: upload.allowExpired,
      now: new Date(),
    });
  } catch (e) {
    certificateRefusal(e);
  } finally {
    keyFile.bytes.fill(0);
  }
  // A key born here is never uploaded again, so a chain left out now could only come back with a new key: peers
  // lacking the issuer (an intermediate, as CAs sign with) would fail the handshake. The root may come along too.
  if (lacksIssuer(material.chain)) {
    const message = `Add the issuer's certificate ("${material.chain[0].issuer}") after the signed certificate: peers need the chain, and it cannot be added to this key later.`;
    throw new AppError("VALIDATION", message, [{ field: "certificate", message }]);
  }
  return material;
}

/**
 * Completes a keystore awaiting its certificate: the certificate must match the pending key and pass every upload
 * check; then the key is re-sealed as the keystore's own, the chain stored, the pending material dropped and the
 * keystore is active. Any refusal stores nothing.
 */
export async function completeKeystore(
  ctx: OrgContext,
  name: string,
  upload: SignedCertificate,
  expectedRowVersion?: number,
): Promise<KeystoreDto> {
  const row = await base.findEditable(db(), ctx, name);
  const pending = await db().keystorePending.findUnique({ where: { keystoreId: row.id } });
  if (row.state !== AWAITING || !pending)
    throw new AppError("CONFLICT", `Keystore ${row.name} is not awaiting a certificate.`, [
      {
        field: "certificate",
        message: "This keystore already has its certificate. To change it, replace its material.",
      },
    ]);
  const m = await verifyCompletion(ctx, pending, upload);
  await enforceMaterialPolicy(db(), ctx, { name: row.name, usage: pending.usage }, m, () => "certificate");
  return db().$transaction(async (tx) => {
    const current = await base.findEditable(tx, ctx, name);
    // The version read before verifying: a completion that raced another finds it changed and stores nothing.
    await base.save(tx, ctx, current, expectedRowVersion ?? row.rowVersion, () => {
      const material = materialColumns(ctx.org.id, current.id, m);
      return { ...material, searchText: searchText(current.title, current.name, current.summary, material.subject) };
    });
    await tx.keystorePending.delete({ where: { id: pending.id } });
    await tx.certificate.createMany({
      data: m.chain.map((c, i) => ({ orgId: ctx.org.id, keystoreId: current.id, ...certificateColumns(c, i) })),
    });
    const after = await tx.keystore.findUniqueOrThrow({
      where: { id: current.id },
      include: { certificates: { orderBy: { position: "asc" } } },
    });
    await audit(tx, ctx, "complete", { type: TARGET, name }, diff(auditable(current), auditable(after)));
    return toDto(ctx.org.name, after, keystoreFindings(after.certificates), after.certificates, []);
  });
}
