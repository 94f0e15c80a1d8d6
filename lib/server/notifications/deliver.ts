import "server-only";
import { sendMail, smtpConfigured } from "@/lib/server/mail/mailer";
import { digestMail } from "@/lib/server/notifications/digest";
import {
  claimEmailNotices,
  claimNotice,
  dueWebhookNotices,
  newClaim,
  orgsWithDueEmail,
  settle,
} from "@/lib/server/notifications/outbox";
import { digestRecipients } from "@/lib/server/notifications/settings";
import { postSigned } from "@/lib/server/notifications/webhook-post";
import { webhookSecret } from "@/lib/server/notifications/webhooks";
import { publicUrl } from "@/lib/server/platform/config";
import { db } from "@/lib/server/platform/db";
import { logger } from "@/lib/server/platform/logger";

/** Webhook notices sent per run, and how many at a time (each may wait out its deadline). */
const WEBHOOK_BATCH = 100;
const WEBHOOK_PARALLEL = 4;

interface DeliveryRun {
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * Sends every due notice: one digest per organization for e-mail, one signed POST per notice for webhooks. Safe to
 * run on several instances at once: each row is claimed in the database before it is sent.
 */
export async function deliverDue(now: Date): Promise<DeliveryRun> {
  const run: DeliveryRun = { sent: 0, retrying: 0, failed: 0 };
  if (smtpConfigured()) for (const orgId of await orgsWithDueEmail(now)) await deliverDigest(orgId, now, run);
  const due = await dueWebhookNotices(now, WEBHOOK_BATCH);
  const queue = [...due];
  await Promise.all(
    Array.from({ length: WEBHOOK_PARALLEL }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await deliverWebhookNotice(next.id, now, run);
    }),
  );
  return run;
}

const count = (run: DeliveryRun, sent: boolean, retryAt: Date | null, n = 1) => {
  if (sent) run.sent += n;
  else if (retryAt) run.retrying += n;
  else run.failed += n;
};

/** Pending notices whose certificate the organization no longer holds are dropped instead of sent. */
async function stillHeld(orgId: string, fingerprints: string[]): Promise<Set<string>> {
  const rows = await db().certificate.findMany({
    where: { orgId, sha256: { in: fingerprints } },
    select: { sha256: true },
  });
  return new Set(rows.map((r) => r.sha256));
}

async function deliverDigest(orgId: string, now: Date, run: DeliveryRun) {
  const claim = newClaim(now);
  const claimed = await claimEmailNotices(orgId, now, claim);
  if (claimed.length === 0) return;
  const held = await stillHeld(
    orgId,
    claimed.map((n) => n.fingerprint),
  );
  const notices = claimed.filter((n) => held.has(n.fingerprint));
  await db().notice.deleteMany({
    where: { id: { in: claimed.filter((n) => !held.has(n.fingerprint)).map((n) => n.id) } },
  });
  if (notices.length === 0) return;
  const org = await db().organization.findUniqueOrThrow({ where: { id: orgId } });
  const to = await digestRecipients(orgId);
  const mail = digestMail(
    org,
    notices.map((n) => n.payload),
    publicUrl(),
  );
  let error = "";
  try {
    await sendMail({ to, ...mail });
  } catch (e) {
    error = `The mail relay refused the digest: ${e instanceof Error ? e.message : String(e)}`;
    logger.warn({ err: e, orgId }, "expiry digest not sent");
  }
  const retries = await Promise.all(notices.map((n) => settle(n, claim.claimedBy, now, !error)));
  const retryAt = retries.find((r) => r) ?? null;
  count(run, !error, retryAt, notices.length);
  await db().deliveryAttempt.create({
    data: {
      orgId,
      channel: "email",
      event: notices.length === 1 ? notices[0].event : "digest",
      detail: `${notices.length} certificate${notices.length === 1 ? "" : "s"} to ${to.length} recipient${to.length === 1 ? "" : "s"}`,
      at: now,
      outcome: error ? "failed" : "sent",
      error,
      nextRetryAt: retryAt,
    },
  });
}

async function deliverWebhookNotice(id: string, now: Date, run: DeliveryRun) {
  const claim = newClaim(now);
  const notice = await claimNotice(id, now, claim);
  if (!notice?.webhookId) return;
  if (!(await stillHeld(notice.orgId, [notice.fingerprint])).has(notice.fingerprint)) {
    await db().notice.deleteMany({ where: { id: notice.id, claimedBy: claim.claimedBy } });
    return;
  }
  // Deleted since the check: its notices went with it (cascade).
  const hook = await db().webhook.findUnique({ where: { id: notice.webhookId } });
  if (!hook) return;
  const outcome = await postSigned(hook.url, webhookSecret(hook), notice.payload, {
    event: notice.event,
    deliveryId: notice.id,
  });
  const retryAt = await settle(notice, claim.claimedBy, now, outcome.ok);
  count(run, outcome.ok, retryAt);
  const facts = JSON.parse(notice.payload) as { subject: string; threshold_days: number };
  await db().deliveryAttempt.create({
    data: {
      orgId: notice.orgId,
      channel: "webhook",
      webhookId: hook.id,
      event: notice.event,
      detail: `${facts.subject} (${facts.threshold_days}-day notice)`,
      at: now,
      outcome: outcome.ok ? "sent" : "failed",
      statusCode: outcome.statusCode,
      error: outcome.error,
      nextRetryAt: retryAt,
    },
  });
}
