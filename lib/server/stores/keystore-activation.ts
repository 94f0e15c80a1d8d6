import "server-only";
import { randomUUID } from "node:crypto";
import type { KeystoreDto } from "@/lib/tls/store-dto";
import type { ScheduledRotationDto } from "@/lib/tls/rotation-dto";
import { AppError } from "@/lib/errors";
import { type OrgContext, systemContext } from "@/lib/server/access/require-org";
import { findingsOfStores } from "@/lib/server/lint/store-findings";
import { audit, diff } from "@/lib/server/platform/audit";
import { db } from "@/lib/server/platform/db";
import { logger } from "@/lib/server/platform/logger";
import { enforceMaterialPolicy } from "@/lib/server/policy/enforce";
import { storedMaterialField, swapMaterial } from "@/lib/server/stores/keystore-swap";
import { auditable, TARGET, toDto } from "@/lib/server/stores/keystores";
import { bindings, openMaterial } from "@/lib/server/stores/rotation-material";
import { differFor } from "@/lib/server/stores/rotation-facts";
import { assertConfirmed } from "@/lib/tls/rotation-schema";

/**
 * The swap of a keystore's pending material (ADR 026), now or when its scheduled time comes. The pending row is
 * claimed with a conditional UPDATE inside the transaction that swaps and deletes it: with several instances on one
 * database (or a person pressing "Activate now" as the scheduler runs) exactly one claim succeeds, and a swap that
 * fails rolls its claim back with it, so the next run tries again.
 */

interface Activation {
  /** The warning codes the person confirmed (when activating now, or when scheduling). */
  confirmed: string[];
  /** Set for a scheduled swap: who scheduled it, and for when. */
  scheduled: { by: string | null; at: Date } | null;
}

export async function activateClaimed(
  ctx: OrgContext,
  pendingId: string,
  how: Activation,
  now: Date,
): Promise<KeystoreDto | null> {
  return db().$transaction(async (tx) => {
    const { count } = await tx.keystorePending.updateMany({
      where: {
        id: pendingId,
        orgId: ctx.org.id,
        claimedBy: null,
        chainPem: { not: "" },
        ...(how.scheduled ? { activateAt: { lte: now } } : {}),
      },
      data: { claimedBy: randomUUID() },
    });
    if (count === 0) return null;
    const pending = await tx.keystorePending.findUniqueOrThrow({ where: { id: pendingId } });
    const row = await tx.keystore.findFirstOrThrow({ where: { id: pending.keystoreId, orgId: ctx.org.id } });
    const next = openMaterial(
      bindings.pending(row.orgId, pending.id),
      pending,
      pending.chainPem,
      pending.expiredAccepted,
    );
    // The policy in force when the swap happens, not when it was scheduled: a stricter one refuses it (ADR 026).
    await enforceMaterialPolicy(tx, ctx, { name: row.name, keystoreId: row.id }, next, storedMaterialField);
    // So are the warnings: the material in use may have been replaced or rolled back since they were confirmed (a
    // new key type, a new root), and nobody agreed to what the swap now changes.
    const warnings = (await differFor(row, now, tx))(pending.keyType, pending.chainPem).warnings;
    assertConfirmed(warnings, how.confirmed, how.scheduled ? changedSinceScheduled : undefined);
    const kept = await swapMaterial(tx, ctx, row, next, "activate", now);
    await tx.keystorePending.delete({ where: { id: pending.id } });
    const after = await tx.keystore.findUniqueOrThrow({
      where: { id: row.id },
      include: { certificates: { orderBy: { position: "asc" } } },
    });
    await audit(
      tx,
      ctx,
      "activate",
      { type: TARGET, name: row.name },
      {
        ...diff(auditable(row), auditable(after)),
        prepared_by: { to: pending.createdBy },
        confirmed_warnings: { to: how.confirmed },
        kept_as_version: { to: kept },
        ...(how.scheduled
          ? { scheduled_by: { to: how.scheduled.by }, activate_at: { to: how.scheduled.at.toISOString() } }
          : {}),
      },
    );
    const findings = await findingsOfStores(tx, "keystore", [row.id]);
    return toDto(ctx.org.name, after, findings.get(row.id)!, after.certificates);
  });
}

/** Why a scheduled swap whose diff gained a warning since it was scheduled is refused. */
const changedSinceScheduled = (missing: string) =>
  `The material in use changed after the swap was scheduled, and it now warns of ${missing}, which nobody confirmed. Read the diff again, then activate or schedule it once more.`;

/** At most this many swaps per run; the rest are due at the next run a minute later. */
const RUN_LIMIT = 50;

/**
 * The scheduler's job (every minute, on every instance): swaps every pending material whose time has come. Each
 * swap is audited as done by "scheduler", with who scheduled it and the warnings they confirmed.
 */
export async function activateDueRotations(now: Date): Promise<{ swapped: number; failed: number; refused: number }> {
  const due = await db().keystorePending.findMany({
    where: { activateAt: { lte: now }, claimedBy: null, chainPem: { not: "" } },
    orderBy: [{ activateAt: "asc" }, { id: "asc" }],
    take: RUN_LIMIT,
    select: {
      id: true,
      activateAt: true,
      scheduledBy: true,
      confirmedCodes: true,
      keystore: { select: { org: true } },
    },
  });
  let swapped = 0;
  let failed = 0;
  let refused = 0;
  for (const p of due) {
    const ctx = systemContext(p.keystore.org, "scheduler", `scheduled-activation:${p.id}`);
    const scheduled = { by: p.scheduledBy, at: p.activateAt! };
    try {
      const done = await activateClaimed(
        ctx,
        p.id,
        { confirmed: p.confirmedCodes.split(",").filter(Boolean), scheduled },
        now,
      );
      if (done) swapped += 1;
    } catch (e) {
      // The expected failures inside a swap are refusals (VALIDATION): the policy's, or a warning nobody confirmed.
      // Retrying every minute would not change them, so the schedule is taken off and the refusal recorded.
      // Anything else is retried.
      if (e instanceof AppError && e.code === "VALIDATION") {
        if (await refuseScheduled(ctx, p.id, scheduled, e.message, now)) refused += 1;
        continue;
      }
      failed += 1;
      logger.error({ err: e, pending: p.id }, "scheduled keystore activation failed; it is retried at the next run");
    }
  }
  return { swapped, failed, refused };
}

/**
 * A scheduled swap refused (by the policy, or for a warning nobody confirmed): the material stays pending but unscheduled, with the refusal on the row (the
 * keystore page shows it) and in the audit log. Conditional on the schedule still being the one refused, so with
 * several schedulers it is recorded once; a schedule changed meanwhile is left alone.
 */
async function refuseScheduled(
  ctx: OrgContext,
  pendingId: string,
  scheduled: { by: string | null; at: Date },
  reason: string,
  now: Date,
): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const { count } = await tx.keystorePending.updateMany({
      where: { id: pendingId, claimedBy: null, activateAt: scheduled.at },
      data: { activateAt: null, scheduledBy: null, confirmedCodes: "", refusedAt: now, refusal: reason },
    });
    if (count === 0) return false;
    const { keystore } = await tx.keystorePending.findUniqueOrThrow({
      where: { id: pendingId },
      select: { keystore: { select: { name: true } } },
    });
    await audit(
      tx,
      ctx,
      "refuse-activation",
      { type: TARGET, name: keystore.name },
      {
        scheduled_by: { from: scheduled.by },
        activate_at: { from: scheduled.at.toISOString() },
        refused: { to: reason },
      },
    );
    logger.info({ pending: pendingId, keystore: keystore.name }, "scheduled keystore activation refused");
    return true;
  });
}

/** The scheduled swaps of one organization (or of every one, for the all-organizations overview), soonest first. */
export async function scheduledRotations(orgId: string | undefined): Promise<ScheduledRotationDto[]> {
  const rows = await db().keystorePending.findMany({
    where: { activateAt: { not: null }, ...(orgId ? { orgId } : {}) },
    orderBy: [{ activateAt: "asc" }, { id: "asc" }],
    take: 100,
    select: {
      activateAt: true,
      scheduledBy: true,
      keystore: { select: { name: true, title: true, org: { select: { name: true, title: true } } } },
    },
  });
  return rows.map((r) => ({
    ...(orgId ? {} : { org: r.keystore.org }),
    keystore_name: r.keystore.name,
    keystore_title: r.keystore.title,
    activate_at: r.activateAt!.toISOString(),
    scheduled_by: r.scheduledBy ?? "",
  }));
}
