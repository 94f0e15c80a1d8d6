import type { Metadata } from "next";
import { Stack } from "@/components/carbon";
import { CheckNow } from "@/components/notifications/check-now";
import { EmailChannel } from "@/components/notifications/email-channel";
import { SettingsForm } from "@/components/notifications/settings-form";
import { WebhooksManager } from "@/components/notifications/webhooks-manager";
import { OPERATIONS } from "@/lib/auth/operations";
import { pageOrg } from "@/lib/server/faces/page";
import { getNotificationSettings } from "@/lib/server/notifications/settings";
import { listWebhooks } from "@/lib/server/notifications/webhooks";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await pageOrg(org, OPERATIONS.manageNotifications);
  const [settings, webhooks] = await Promise.all([getNotificationSettings(ctx), listWebhooks(ctx)]);
  return (
    <div className="page">
      <header className="page__header">
        <p className="page__eyebrow">{ctx.org.title} · Settings</p>
        <h1>Notifications</h1>
        <p>
          Certificates about to expire are announced once per threshold on every channel: an e-mail digest and your
          webhooks. The check runs every hour on the server.
        </p>
      </header>
      <Stack gap={8}>
        <section aria-labelledby="thresholds-title">
          <h2 id="thresholds-title">When to notify</h2>
          <SettingsForm org={ctx.org.name} thresholds={settings.thresholds} extraEmails={settings.extra_emails} />
        </section>
        <section aria-labelledby="email-title">
          <h2 id="email-title">E-mail</h2>
          <EmailChannel org={ctx.org.name} smtpConfigured={settings.smtp_configured} />
        </section>
        <WebhooksManager org={ctx.org.name} initial={webhooks} />
        <section aria-labelledby="check-title">
          <h2 id="check-title">Check now</h2>
          <p>Runs the expiry check for this organization at once instead of waiting for the next hour.</p>
          <CheckNow org={ctx.org.name} />
        </section>
      </Stack>
    </div>
  );
}
