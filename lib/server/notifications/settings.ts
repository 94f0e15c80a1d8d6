import "server-only";
import { DEFAULT_THRESHOLDS } from "@/lib/tls/expiry";
import { ZNotificationSettings } from "@/lib/tls/notifications";
import type { OrgContext } from "@/lib/server/access/require-org";
import { smtpConfigured } from "@/lib/server/mail/mailer";
import { audit, diff } from "@/lib/server/platform/audit";
import { db } from "@/lib/server/platform/db";

interface NotificationSettingsDto {
  thresholds: number[];
  extra_emails: string[];
  /** False when SMTP_URL is not set: no e-mail goes out, and the page says so. */
  smtp_configured: boolean;
}

interface Settings {
  thresholds: number[];
  extraEmails: string[];
}

const DEFAULTS: Settings = { thresholds: [...DEFAULT_THRESHOLDS], extraEmails: [] };

function fromRow(row: { thresholds: string; extraEmails: string }): Settings {
  return {
    thresholds: row.thresholds.split(",").map(Number),
    extraEmails: row.extraEmails.split("\n").filter(Boolean),
  };
}

/** An organization's settings, or the defaults while it has saved none. */
async function settingsOf(orgId: string): Promise<Settings> {
  return (await settingsOfMany([orgId])).get(orgId)!;
}

/** settingsOf for many organizations in one query. */
export async function settingsOfMany(orgIds: string[]): Promise<Map<string, Settings>> {
  const rows = await db().notificationSettings.findMany({ where: { orgId: { in: orgIds } } });
  const saved = new Map(rows.map((r) => [r.orgId, fromRow(r)]));
  return new Map(orgIds.map((id) => [id, saved.get(id) ?? DEFAULTS]));
}

const toDto = (s: Settings): NotificationSettingsDto => ({
  thresholds: s.thresholds,
  extra_emails: s.extraEmails,
  smtp_configured: smtpConfigured(),
});

export async function getNotificationSettings(ctx: OrgContext): Promise<NotificationSettingsDto> {
  return toDto(await settingsOf(ctx.org.id));
}

export async function saveNotificationSettings(ctx: OrgContext, raw: unknown): Promise<NotificationSettingsDto> {
  const input = ZNotificationSettings.parse(raw);
  const before = await settingsOf(ctx.org.id);
  const columns = {
    thresholds: input.thresholds.join(","),
    extraEmails: input.extra_emails.join("\n"),
    updatedBy: ctx.actor.email,
  };
  await db().$transaction(async (tx) => {
    await tx.notificationSettings.upsert({
      where: { orgId: ctx.org.id },
      create: { orgId: ctx.org.id, ...columns },
      update: columns,
    });
    await audit(
      tx,
      ctx,
      "update",
      { type: "notification-settings", name: ctx.org.name },
      diff(
        { thresholds: before.thresholds, extra_emails: before.extraEmails },
        { thresholds: input.thresholds, extra_emails: input.extra_emails },
      ),
    );
  });
  return toDto({ thresholds: input.thresholds, extraEmails: input.extra_emails });
}

/** Who receives an organization's digest: its owners and administrators, then the extra addresses. */
export async function digestRecipients(orgId: string): Promise<string[]> {
  const [members, settings] = await Promise.all([
    db().membership.findMany({
      where: { orgId, role: { name: { in: ["owner", "administrator"] } } },
      select: { user: { select: { email: true } } },
      orderBy: { createdAt: "asc" },
    }),
    settingsOf(orgId),
  ]);
  return [...new Set([...members.map((m) => m.user.email), ...settings.extraEmails])];
}
