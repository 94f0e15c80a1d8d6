import "server-only";
import { randomUUID } from "node:crypto";
import { open, seal } from "@/lib/crypto/envelope";
import { AppError } from "@/lib/errors";
import { MAX_WEBHOOKS_PER_ORG, redactedWebhookUrl, ZWebhookCreate } from "@/lib/tls/notifications";
import { lockOrganization } from "@/lib/server/access/org-lock";
import type { OrgContext } from "@/lib/server/access/require-org";
import { checkWebhookUrl, OutboundRefused } from "@/lib/server/outbound/destination";
import { audit } from "@/lib/server/platform/audit";
import { db } from "@/lib/server/platform/db";
import { masterKey } from "@/lib/server/platform/master-key";

const TARGET = "webhook";

/** What a webhook looks like outside the data layer: never its secret, and its URL redacted (it may hold a token). */
export interface WebhookDto {
  id: string;
  url: string;
  created_at: string;
  created_by: string;
}

export interface DeliveryDto {
  at: string;
  event: string;
  detail: string;
  outcome: string;
  status_code: number | null;
  error: string;
  next_retry_at: string | null;
}

type Row = { id: string; url: string; createdAt: Date; createdBy: string };
const toDto = (w: Row): WebhookDto => ({
  id: w.id,
  url: redactedWebhookUrl(w.url),
  created_at: w.createdAt.toISOString(),
  created_by: w.createdBy,
});

const binding = (orgId: string, id: string) => ({ orgId, record: `webhook:${id}` });

/** The URL is checked by the outbound guard before it is stored; a refusal is reported at the URL field. */
export async function createWebhook(ctx: OrgContext, raw: unknown): Promise<WebhookDto> {
  const input = ZWebhookCreate.parse(raw);
  let url: string;
  try {
    url = checkWebhookUrl(input.url).toString();
  } catch (e) {
    if (e instanceof OutboundRefused)
      throw new AppError("VALIDATION", e.message, [{ field: "url", message: e.message }]);
    throw e;
  }
  const id = randomUUID();
  return db().$transaction(async (tx) => {
    // Counted under the organization's lock, so concurrent creations cannot all pass the bound.
    await lockOrganization(tx, ctx.org.id);
    if ((await tx.webhook.count({ where: { orgId: ctx.org.id } })) >= MAX_WEBHOOKS_PER_ORG) {
      const message = `An organization has at most ${MAX_WEBHOOKS_PER_ORG} webhooks: delete one before adding another.`;
      throw new AppError("VALIDATION", message, [{ field: "url", message }]);
    }
    const row = await tx.webhook.create({
      data: {
        id,
        orgId: ctx.org.id,
        url,
        ...seal(masterKey(), binding(ctx.org.id, id), Buffer.from(input.secret, "utf8")),
        createdBy: ctx.actor.email,
      },
    });
    const shown = redactedWebhookUrl(url);
    await audit(tx, ctx, "create", { type: TARGET, name: shown }, { url: { to: shown } });
    return toDto(row);
  });
}

export async function listWebhooks(ctx: OrgContext): Promise<WebhookDto[]> {
  const rows = await db().webhook.findMany({ where: { orgId: ctx.org.id }, orderBy: { createdAt: "asc" } });
  return rows.map(toDto);
}

/** A webhook of this organization, or 404: an id from another organization names nothing here. */
export async function webhookOrThrow(ctx: OrgContext, id: string) {
  const row = typeof id === "string" ? await db().webhook.findFirst({ where: { id, orgId: ctx.org.id } }) : null;
  if (!row) throw new AppError("NOT_FOUND", "No such webhook in this organization.");
  return row;
}

/** Deleting a webhook drops its pending notices and its delivery log with it. */
export async function deleteWebhook(ctx: OrgContext, id: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const row = await tx.webhook.findFirst({ where: { id: String(id), orgId: ctx.org.id } });
    if (!row) throw new AppError("NOT_FOUND", "No such webhook in this organization.");
    await tx.webhook.delete({ where: { id: row.id } });
    const shown = redactedWebhookUrl(row.url);
    await audit(tx, ctx, "delete", { type: TARGET, name: shown }, { url: { from: shown } });
  });
}

/** The delivery log: every attempt, newest first (the last 100). */
export async function webhookDeliveries(ctx: OrgContext, id: string): Promise<DeliveryDto[]> {
  const hook = await webhookOrThrow(ctx, id);
  const rows = await db().deliveryAttempt.findMany({
    where: { webhookId: hook.id, orgId: ctx.org.id },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: 100,
  });
  return rows.map((a) => ({
    at: a.at.toISOString(),
    event: a.event,
    detail: a.detail,
    outcome: a.outcome,
    status_code: a.statusCode,
    error: a.error,
    next_retry_at: a.nextRetryAt?.toISOString() ?? null,
  }));
}

/** Server-side only: the secret that signs bodies for this webhook. */
export function webhookSecret(row: {
  id: string;
  orgId: string;
  keyCiphertext: string;
  wrappedDataKey: string;
  masterKeyId: string;
}) {
  return open(masterKey(), binding(row.orgId, row.id), row).toString("utf8");
}
