import "server-only";
import { randomUUID } from "node:crypto";
import { seal } from "@/lib/crypto/envelope";
import type { KeystoreMaterial } from "@/lib/crypto/keystore-rules";
import { AppError } from "@/lib/errors";
import { KEY_TYPE_LABELS, subjectLine, ZGenerateField } from "@/lib/tls/key-request";
import type { PendingMaterialDto } from "@/lib/tls/rotation-dto";
import { assertConfirmed, ZActivateBody } from "@/lib/tls/rotation-schema";
import type { CsrSummary, KeystoreDto } from "@/lib/tls/store-dto";
import type { OrgContext } from "@/lib/server/access/require-org";
import { audit, diff } from "@/lib/server/platform/audit";
import { db, type Db } from "@/lib/server/platform/db";
import { enforceKeyRequestPolicy, enforceMaterialPolicy } from "@/lib/server/policy/enforce";
import { masterKey } from "@/lib/server/platform/master-key";
import { isUniqueViolation } from "@/lib/server/platform/prisma-errors";
import { infoDto } from "@/lib/server/stores/certificates";
import { generate, type SignedCertificate, verifyCompletion } from "@/lib/server/stores/keystore-generation";
import {
  AWAITING,
  base,
  keyTypeOf,
  type MaterialUpload,
  type Row,
  TARGET,
  verify,
} from "@/lib/server/stores/keystores";
import { activateClaimed } from "@/lib/server/stores/keystore-activation";
import { differFor } from "@/lib/server/stores/rotation-facts";
import { storedMaterialField } from "@/lib/server/stores/keystore-swap";
import { bindings, chainOf, openMaterial } from "@/lib/server/stores/rotation-material";

/**
 * Staged rotation (issue 10, ADR 026): the next material of an active keystore is prepared beside the current one —
 * uploaded with every upload check, or generated here and completed with its signed certificate — and stored sealed in
 * KeystorePending. Nothing a profile uses changes until it is activated (now, or at a scheduled time).
 */

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type Pending = NonNullable<Awaited<ReturnType<ReturnType<typeof db>["keystorePending"]["findUnique"]>>>;

/** What a pending material is prepared from: an upload, or a key request (ZKeyRequest) generated here. */
export type PendingSource = { upload: MaterialUpload } | { generate: unknown };

const noPending = (name: string) =>
  new AppError("NOT_FOUND", `Keystore ${name} has no pending material. Prepare it first (upload or generate).`);

/** A keystore whose rotation can be staged: editable, and not itself still awaiting its first certificate. */
async function rotatable(tx: Tx | Db, ctx: OrgContext, name: string): Promise<Row> {
  const row = await base.findEditable(tx as Tx, ctx, name);
  if (row.state === AWAITING)
    throw new AppError(
      "CONFLICT",
      `Keystore ${row.name} is still awaiting its first certificate: upload it before preparing a rotation.`,
    );
  return row;
}

async function pendingOf(tx: Tx | Db, ctx: OrgContext, name: string): Promise<{ row: Row; pending: Pending }> {
  const row = await rotatable(tx, ctx, name);
  const pending = await tx.keystorePending.findUnique({ where: { keystoreId: row.id } });
  if (!pending) throw noPending(row.name);
  return { row, pending };
}

function csrSummary(p: Pending): CsrSummary {
  return {
    subject: p.subject,
    subject_alt_names: p.subjectAltNames.split("\n").filter(Boolean),
    usage: p.usage as CsrSummary["usage"],
    key_type: p.keyType,
    created_at: p.createdAt.toISOString(),
    created_by: p.createdBy,
  };
}

async function toDto(row: Row, p: Pending, now: Date): Promise<PendingMaterialDto> {
  const chain = p.chainPem ? chainOf(p.chainPem) : [];
  return {
    keystore_name: row.name,
    state: !p.chainPem ? "awaiting_certificate" : p.activateAt ? "scheduled" : "ready",
    source: p.csrPem ? "generate" : "upload",
    key_type: p.keyType,
    subject: chain[0]?.subject ?? p.subject,
    created_at: p.createdAt.toISOString(),
    created_by: p.createdBy,
    ...(p.csrPem ? { csr: csrSummary(p) } : {}),
    certificates: chain.map((c, i) => infoDto(c, i)),
    expired_accepted: p.expiredAccepted,
    activate_at: p.activateAt?.toISOString() ?? null,
    scheduled_by: p.scheduledBy,
    confirmed_warnings: p.confirmedCodes.split(",").filter(Boolean),
    refused: p.refusedAt ? { at: p.refusedAt.toISOString(), reason: p.refusal } : null,
    diff: p.chainPem ? (await differFor(row, now))(p.keyType, p.chainPem) : null,
  };
}

/** What the audit log keeps of pending material: public facts, never the key. */
const auditablePending = (p: { keyType: string; subject: string; chainPem: string }) => ({
  pending_key_type: p.keyType,
  pending_subject: p.subject,
  pending_fingerprint: p.chainPem ? chainOf(p.chainPem)[0].sha256 : null,
});

/** Verified material (an upload, or a self-signed certificate made here) as pending columns. */
function fromMaterial(orgId: string, id: string, m: KeystoreMaterial) {
  const der = m.key.export({ type: "pkcs8", format: "der" });
  try {
    const leaf = m.chain[0];
    return {
      ...seal(masterKey(), bindings.pending(orgId, id), der),
      keyType: keyTypeOf(m),
      csrPem: "",
      subject: leaf.subject,
      subjectAltNames: leaf.subjectAltNames.join("\n"),
      usage: "",
      chainPem: m.chain.map((c) => c.pem).join(""),
      expiredAccepted: m.leafExpired,
    };
  } finally {
    der.fill(0);
  }
}

/** An upload, verified as every upload and held to the policy as if it were swapped in now (ADR 027). */
async function fromUpload(ctx: OrgContext, row: Row, id: string, upload: MaterialUpload) {
  const m = await verify(upload);
  await enforceMaterialPolicy(db(), ctx, { name: row.name, keystoreId: row.id }, m, upload.fileField);
  return fromMaterial(ctx.org.id, id, m);
}

/**
 * A key generated here: its CSR waits for the signed certificate; a self-signed one is ready at once. The policy
 * judges the request before any key is made: key type, self-signed days, and the usage against the keystore's profiles.
 */
async function fromRequest(ctx: OrgContext, row: Row, id: string, raw: unknown) {
  const orgId = ctx.org.id;
  const request = ZGenerateField.parse({ generate: raw }).generate;
  await enforceKeyRequestPolicy(db(), ctx, request, { name: row.name, id: row.id });
  const generated = await generate(request);
  if (generated.selfSigned) return fromMaterial(orgId, id, generated.selfSigned);
  const der = generated.key.export({ type: "pkcs8", format: "der" });
  try {
    return {
      ...seal(masterKey(), bindings.pending(orgId, id), der),
      keyType: KEY_TYPE_LABELS[request.key_type],
      csrPem: generated.csrPem,
      subject: subjectLine(request.subject),
      subjectAltNames: request.subject_alt_names.join("\n"),
      usage: request.usage,
      chainPem: "",
      expiredAccepted: false,
    };
  } finally {
    der.fill(0);
  }
}

/** Prepares the next material of an active keystore. One pending material at a time: discard it to start over. */
export async function preparePending(ctx: OrgContext, name: string, source: PendingSource, now = new Date()) {
  const before = await rotatable(db(), ctx, name);
  const id = randomUUID();
  const columns =
    "upload" in source
      ? await fromUpload(ctx, before, id, source.upload)
      : await fromRequest(ctx, before, id, source.generate);
  try {
    return await db().$transaction(async (tx) => {
      const row = await rotatable(tx, ctx, name);
      if (row.id !== before.id) throw noPending(name);
      if (await tx.keystorePending.count({ where: { keystoreId: row.id } })) throw alreadyPending(row.name);
      const pending = await tx.keystorePending.create({
        data: { id, orgId: ctx.org.id, keystoreId: row.id, ...columns, createdBy: ctx.actor.email },
      });
      await audit(
        tx,
        ctx,
        "prepare-rotation",
        { type: TARGET, name: row.name },
        diff({}, { source: "upload" in source ? "upload" : "generate", ...auditablePending(pending) }),
      );
      return toDto(row, pending, now);
    });
  } catch (e) {
    // Two preparations racing: the pending row is unique per keystore.
    throw isUniqueViolation(e) ? alreadyPending(before.name) : e;
  }
}

function alreadyPending(name: string) {
  return new AppError(
    "CONFLICT",
    `Keystore ${name} already has pending material: activate or discard it before preparing another.`,
  );
}

export async function getPending(ctx: OrgContext, name: string, now = new Date()): Promise<PendingMaterialDto> {
  const { row, pending } = await pendingOf(db(), ctx, name);
  return toDto(row, pending, now);
}

/** The pending material of a keystore, or null: for the keystore page. */
export async function findPending(ctx: OrgContext, name: string, now = new Date()) {
  const row = await base.find(db(), ctx, name);
  if (row.state === AWAITING) return null;
  const pending = await db().keystorePending.findUnique({ where: { keystoreId: row.id } });
  return pending ? toDto(row, pending, now) : null;
}

/** The CSR of a generated pending key, as PEM. */
export async function pendingCsrPem(ctx: OrgContext, name: string): Promise<string> {
  const row = await base.find(db(), ctx, name);
  const pending =
    row.state === AWAITING ? null : await db().keystorePending.findUnique({ where: { keystoreId: row.id } });
  if (!pending?.csrPem)
    throw new AppError("NOT_FOUND", `Keystore ${row.name} has no pending key with a certificate signing request.`);
  return pending.csrPem;
}

/** The signed certificate for a generated pending key: every upload check, against the pending key. */
export async function completePending(
  ctx: OrgContext,
  name: string,
  upload: SignedCertificate,
  now = new Date(),
): Promise<PendingMaterialDto> {
  const { row, pending } = await pendingOf(db(), ctx, name);
  if (!pending.csrPem || pending.chainPem)
    throw new AppError("CONFLICT", `The pending material of keystore ${name} is not awaiting a certificate.`, [
      { field: "certificate", message: "This pending material already has its certificate." },
    ]);
  const m = await verifyCompletion(ctx, pending, upload);
  // The profiles' purposes and the request's own, as a completed keystore's (ADR 027).
  const target = { name: row.name, keystoreId: row.id, usage: pending.usage };
  await enforceMaterialPolicy(db(), ctx, target, m, () => "certificate");
  return db().$transaction(async (tx) => {
    await pendingOf(tx, ctx, name);
    // Only the row read before verifying, still without a chain: a completion racing another stores nothing.
    const { count } = await tx.keystorePending.updateMany({
      where: { id: pending.id, chainPem: "" },
      data: { chainPem: m.chain.map((c) => c.pem).join(""), expiredAccepted: m.leafExpired },
    });
    if (count === 0) throw new AppError("STALE", "The pending material changed meanwhile — reload to see it.");
    const after = await tx.keystorePending.findUniqueOrThrow({ where: { id: pending.id } });
    await audit(tx, ctx, "complete-pending", { type: TARGET, name: row.name }, diff({}, auditablePending(after)));
    return toDto(row, after, now);
  });
}

/** Discards the pending material (and its scheduled activation): nothing in use changes. */
export async function discardPending(ctx: OrgContext, name: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const { row, pending } = await pendingOf(tx, ctx, name);
    const { count } = await tx.keystorePending.deleteMany({ where: { id: pending.id, claimedBy: null } });
    if (count === 0) throw beingActivated(row.name);
    await audit(tx, ctx, "discard-pending", { type: TARGET, name: row.name }, diff(auditablePending(pending), {}));
  });
}

const beingActivated = (name: string) =>
  new AppError("CONFLICT", `The pending material of keystore ${name} is being activated right now.`);

/** A swap is scheduled at most this far ahead: certificates live about a year, and a year 9999 is a typing slip. */
const MAX_SCHEDULE_AHEAD_MS = 366 * 86_400_000;

/**
 * Activates the pending material now, or schedules it for `at`. Every warning of the diff must be confirmed by its
 * code (422 at `confirm` otherwise); a scheduled swap keeps the codes confirmed, and who scheduled it.
 */
export async function activatePending(
  ctx: OrgContext,
  name: string,
  rawBody: unknown,
  now = new Date(),
): Promise<{ activated: KeystoreDto } | { scheduled: PendingMaterialDto }> {
  const body = ZActivateBody.parse(rawBody ?? {});
  const { row, pending } = await pendingOf(db(), ctx, name);
  if (!pending.chainPem)
    throw new AppError("CONFLICT", `The pending key of keystore ${row.name} is still awaiting its certificate.`);
  // The policy before the warnings: confirming them would not help material the policy refuses.
  const next = openMaterial(
    bindings.pending(row.orgId, pending.id),
    pending,
    pending.chainPem,
    pending.expiredAccepted,
  );
  await enforceMaterialPolicy(db(), ctx, { name: row.name, keystoreId: row.id }, next, storedMaterialField);
  const diffNow = (await differFor(row, now))(pending.keyType, pending.chainPem);
  assertConfirmed(diffNow.warnings, body.confirm);
  const confirmed = diffNow.warnings.map((w) => w.code);
  if (body.at && body.at.getTime() > now.getTime() + MAX_SCHEDULE_AHEAD_MS) {
    const message = "Choose a time within a year from now.";
    throw new AppError("VALIDATION", message, [{ field: "at", message }]);
  }
  if (body.at && body.at.getTime() > now.getTime()) {
    const at = body.at;
    return db().$transaction(async (tx) => {
      const { count } = await tx.keystorePending.updateMany({
        where: { id: pending.id, claimedBy: null },
        data: {
          activateAt: at,
          scheduledBy: ctx.actor.email,
          confirmedCodes: confirmed.join(","),
          refusedAt: null,
          refusal: "",
        },
      });
      if (count === 0) throw beingActivated(row.name);
      const after = await tx.keystorePending.findUniqueOrThrow({ where: { id: pending.id } });
      await audit(
        tx,
        ctx,
        "schedule-activation",
        { type: TARGET, name: row.name },
        diff({}, { activate_at: at.toISOString(), confirmed_warnings: confirmed, ...auditablePending(pending) }),
      );
      return { scheduled: await toDto(row, after, now) };
    });
  }
  if (body.at) {
    const message = "Choose a time still to come, or leave it out to activate now.";
    throw new AppError("VALIDATION", message, [{ field: "at", message }]);
  }
  const activated = await activateClaimed(ctx, pending.id, { confirmed, scheduled: null }, now);
  if (!activated) throw beingActivated(row.name);
  return { activated };
}

/** Cancels a scheduled activation; the pending material stays, ready to activate or schedule again. */
export async function cancelScheduledActivation(ctx: OrgContext, name: string): Promise<PendingMaterialDto> {
  return db().$transaction(async (tx) => {
    const { row, pending } = await pendingOf(tx, ctx, name);
    if (!pending.activateAt)
      throw new AppError("CONFLICT", `No activation of keystore ${row.name}'s pending material is scheduled.`);
    const { count } = await tx.keystorePending.updateMany({
      where: { id: pending.id, claimedBy: null },
      data: { activateAt: null, scheduledBy: null, confirmedCodes: "" },
    });
    if (count === 0) throw beingActivated(row.name);
    const after = await tx.keystorePending.findUniqueOrThrow({ where: { id: pending.id } });
    await audit(
      tx,
      ctx,
      "cancel-activation",
      { type: TARGET, name: row.name },
      diff({ activate_at: pending.activateAt.toISOString(), scheduled_by: pending.scheduledBy }, {}),
    );
    return toDto(row, after, new Date());
  });
}
