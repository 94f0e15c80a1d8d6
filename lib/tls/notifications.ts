import { z } from "zod";
import { crossedThresholds, DAY_MS } from "@/lib/tls/expiry";

/**
 * Expiry notification rules shared by the settings form, the REST API and the delivery worker (ADR 019). Pure: time
 * is always passed in.
 */

const ZThreshold = z
  .number({ error: "Thresholds are whole numbers of days, such as 30, 7, 1, 0" })
  .int("Thresholds are whole numbers of days, such as 30, 7, 1, 0")
  .min(0, "A threshold is 0 (on expiry) or more days")
  .max(365, "A threshold is at most 365 days");

const ZThresholds = z
  .array(ZThreshold)
  .min(1, "Give at least one threshold")
  .max(10, "At most 10 thresholds")
  .refine((list) => new Set(list).size === list.length, "Each threshold once")
  .transform((list) => [...list].sort((a, b) => b - a));

const ZExtraEmails = z
  .array(z.string().trim().toLowerCase().email("Enter e-mail addresses, such as ops@example.com").max(254))
  .max(20, "At most 20 extra addresses")
  .transform((list) => [...new Set(list)]);

/** PUT /notification-settings and the settings action. */
export const ZNotificationSettings = z.strictObject({ thresholds: ZThresholds, extra_emails: ZExtraEmails });

const splitList = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * The form writes lists as text ("30, 7, 1, 0"); each field's first problem is reported at that field, naming the
 * entry at fault when one is (in a list of twenty addresses, "not an address" alone does not say which).
 */
function listField<T>(schema: z.ZodType<T>, item: (s: string) => unknown) {
  return z.string().transform((text, ctx): T => {
    const entries = splitList(text);
    const parsed = schema.safeParse(entries.map(item));
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const at = issue?.path[0];
    const entry = typeof at === "number" ? entries[at] : undefined;
    const message = issue?.message ?? "Invalid";
    ctx.addIssue({ code: "custom", message: entry === undefined ? message : `“${entry}”: ${message}` });
    return z.NEVER;
  });
}

export const ZNotificationSettingsForm = z.object({
  thresholds: listField(ZThresholds, Number),
  extra_emails: listField(ZExtraEmails, String),
});

/**
 * Every notice goes to every webhook of its organization through one delivery queue shared by all organizations, so
 * their number is bounded: a tenant with hundreds of slow receivers would otherwise hold back everyone's notices.
 */
export const MAX_WEBHOOKS_PER_ORG = 10;

/** Webhook creation: the URL is checked again by the outbound guard; the secret signs every body. */
export const ZWebhookCreate = z.strictObject({
  url: z.string().trim().min(1, "Enter the URL that receives notices").max(2048, "At most 2048 characters"),
  secret: z
    .string()
    .min(16, "At least 16 characters, so the signature cannot be guessed")
    .max(256, "At most 256 characters"),
});

/**
 * A webhook URL as shown and audited. Many receivers put their credential in the path or query (Slack's
 * /services/T…/B…/<token>), so only the origin, the first path segment and the last four characters are kept: enough
 * to tell two webhooks apart, not enough to post to one.
 */
export function redactedWebhookUrl(url: string): string {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (!parsed) return "…";
  const [first, ...rest] = parsed.pathname.split("/").filter(Boolean);
  const hidden = rest.join("/") + parsed.search;
  if (!hidden) return parsed.origin + parsed.pathname;
  return `${parsed.origin}/${first}/…${hidden.length > 12 ? hidden.slice(-4) : ""}`;
}

/** What a check records for one certificate on one channel. */
interface NoticePlan {
  /** The threshold to notify now; null when every crossed threshold is already recorded. */
  notify: number | null;
  /** Less urgent thresholds crossed at the same time: recorded as covered by `notify`, never sent. */
  covered: number[];
}

/**
 * The most-urgent rule: of the thresholds crossed and not yet recorded for this certificate and channel, only the
 * most urgent is notified; the others are recorded as covered, so a certificate first seen 6 days before expiry gets
 * one "7 days" notice, not a "30 days" one as well.
 */
export function noticePlan(
  notAfter: Date,
  now: Date,
  thresholds: readonly number[],
  recorded: ReadonlySet<number>,
): NoticePlan {
  const fresh = crossedThresholds(notAfter, now, thresholds).filter((t) => !recorded.has(t));
  return { notify: fresh[0] ?? null, covered: fresh.slice(1) };
}

/** The event a notice carries: expired once `notAfter` has passed, expiring before. */
export const expiryEvent = (notAfter: Date, now: Date) =>
  notAfter.getTime() <= now.getTime() ? "certificate.expired" : "certificate.expiring";

/** Retries stop this long after a notice was written. */
export const RETRY_WINDOW_MS = DAY_MS;

/**
 * When to try again after the `failures`-th failed attempt: 1 minute, doubling up to an hour between attempts,
 * within RETRY_WINDOW_MS of the first; null once the next attempt would fall past `giveUpAt`.
 */
export function nextAttemptAt(now: Date, failures: number, giveUpAt: Date): Date | null {
  const delay = Math.min(60_000 * 2 ** Math.max(0, failures - 1), 60 * 60_000);
  const at = new Date(now.getTime() + delay);
  return at.getTime() > giveUpAt.getTime() ? null : at;
}
