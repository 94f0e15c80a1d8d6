import "server-only";
import { db } from "@/lib/server/platform/db";

type Channel = "email" | "webhook";
type Outcome = "sent" | "failed";

/**
 * Notices sent and given up on, by channel, across every organization: what the metrics endpoint exposes as
 * `tls_console_notifications_total{channel,outcome}`. Read from the records, so every instance reports the same.
 */
export async function notificationCounts(): Promise<Array<{ channel: Channel; outcome: Outcome; count: number }>> {
  const pairs = (["email", "webhook"] as const).flatMap((channel) =>
    (["sent", "failed"] as const).map((outcome) => ({ channel, outcome })),
  );
  return Promise.all(
    pairs.map(async ({ channel, outcome }) => ({
      channel,
      outcome,
      count: await db().notice.count({
        where: { status: outcome, webhookId: channel === "email" ? null : { not: null } },
      }),
    })),
  );
}
