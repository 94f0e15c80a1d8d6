import "server-only";
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import type { OrgContext } from "@/lib/server/access/require-org";
import { sendMail, smtpConfigured } from "@/lib/server/mail/mailer";
import { digestRecipients } from "@/lib/server/notifications/settings";
import { postSigned } from "@/lib/server/notifications/webhook-post";
import { reserveManual } from "@/lib/server/notifications/manual-limits";
import { webhookOrThrow, webhookSecret } from "@/lib/server/notifications/webhooks";
import { db } from "@/lib/server/platform/db";
import { logger } from "@/lib/server/platform/logger";

interface TestResult {
  ok: boolean;
  /** What happened, in words, for the page's toast and the REST answer. */
  message: string;
  status_code: number | null;
}

/** "Send test notification" for a webhook: one signed `test` event, sent now and kept in the delivery log. */
export async function sendTestWebhook(ctx: OrgContext, id: string, now = new Date()): Promise<TestResult> {
  const hook = await webhookOrThrow(ctx, id);
  await reserveManual(ctx, "testSend", now.getTime());
  const deliveryId = randomUUID();
  const body = JSON.stringify({
    event: "test",
    org: ctx.org.name,
    message: "A test notification from the TLS console: this webhook is reachable and the signature verifies.",
    sent_at: now.toISOString(),
  });
  const outcome = await postSigned(hook.url, webhookSecret(hook), body, { event: "test", deliveryId });
  await db().deliveryAttempt.create({
    data: {
      orgId: ctx.org.id,
      channel: "webhook",
      webhookId: hook.id,
      event: "test",
      detail: `Sent by ${ctx.actor.email}`,
      at: now,
      outcome: outcome.ok ? "sent" : "failed",
      statusCode: outcome.statusCode,
      error: outcome.error,
    },
  });
  return {
    ok: outcome.ok,
    message: outcome.ok ? `Delivered: the receiver answered HTTP ${outcome.statusCode}.` : outcome.error,
    status_code: outcome.statusCode,
  };
}

/** "Send test notification" for e-mail: one message to everyone who receives the digest. */
export async function sendTestEmail(ctx: OrgContext, now = new Date()): Promise<TestResult> {
  if (!smtpConfigured())
    throw new AppError("CONFLICT", "E-mail is not configured on this server: the operator sets SMTP_URL.");
  await reserveManual(ctx, "testSend", now.getTime());
  const to = await digestRecipients(ctx.org.id);
  let error = "";
  try {
    await sendMail({
      to,
      subject: `[TLS console] ${ctx.org.title}: test notification`,
      text: `A test notification sent by ${ctx.actor.email}. Expiry digests for ${ctx.org.title} reach these addresses:\n\n${to.join("\n")}`,
    });
  } catch (e) {
    error = `The mail relay refused the message: ${e instanceof Error ? e.message : String(e)}`;
    logger.warn({ err: e, requestId: ctx.requestId }, "test e-mail not sent");
  }
  await db().deliveryAttempt.create({
    data: {
      orgId: ctx.org.id,
      channel: "email",
      event: "test",
      detail: `Sent by ${ctx.actor.email} to ${to.length} recipient${to.length === 1 ? "" : "s"}`,
      at: now,
      outcome: error ? "failed" : "sent",
      error,
    },
  });
  return {
    ok: !error,
    message: error || `Sent to ${to.length} recipient${to.length === 1 ? "" : "s"}: ${to.join(", ")}.`,
    status_code: null,
  };
}
