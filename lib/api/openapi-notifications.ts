import { z } from "zod";
import { ZNotificationSettings, ZWebhookCreate } from "@/lib/tls/notifications";

/** The notification routes' part of the OpenAPI document (ADR 019), from the zod schemas that validate them. */
const schema = (s: z.ZodType, io: "input" | "output" = "input") => z.toJSONSchema(s, { io, unrepresentable: "any" });

const ZSettingsOut = z.object({
  thresholds: z.array(z.number().int()).describe("Days before expiry, most distant first; 0 = on expiry"),
  extra_emails: z.array(z.string()),
  smtp_configured: z.boolean().describe("False: SMTP_URL is not set and no e-mail goes out"),
});
const ZWebhookOut = z.object({
  id: z.string(),
  url: z.string(),
  created_at: z.iso.datetime(),
  created_by: z.string(),
});
const ZDelivery = z.object({
  at: z.iso.datetime(),
  event: z.string().describe("certificate.expiring, certificate.expired or test"),
  detail: z.string(),
  outcome: z.enum(["sent", "failed"]),
  status_code: z.number().int().nullable().describe("The receiver's HTTP status; null when no answer came"),
  error: z.string().describe("Why it failed: HTTP status, refusal by the outbound guard, timeout"),
  next_retry_at: z.iso.datetime().nullable(),
});
const ZTestResult = z.object({ ok: z.boolean(), message: z.string(), status_code: z.number().int().nullable() });
const ZCheckResult = z.object({
  queued: z.array(
    z.object({
      channel: z.enum(["email", "webhook"]),
      webhook_id: z.string().nullable(),
      event: z.string(),
      threshold_days: z.number().int(),
      sha256_fingerprint: z.string(),
      store_name: z.string(),
      subject: z.string(),
    }),
  ),
  covered: z.number().int().describe("Less urgent thresholds recorded as covered by a queued notice"),
});

export const notificationSchemas = {
  NotificationSettingsInput: schema(ZNotificationSettings),
  NotificationSettings: schema(ZSettingsOut, "output"),
  WebhookInput: schema(ZWebhookCreate),
  Webhook: schema(ZWebhookOut, "output"),
  Delivery: schema(ZDelivery, "output"),
  TestResult: schema(ZTestResult, "output"),
  ExpiryCheckResult: schema(ZCheckResult, "output"),
};

const errors = Object.fromEntries(
  [
    ["401", "No valid session or API key"],
    ["403", "The role lacks Settings: Manage, or not a member of the organization"],
    ["404", "No such webhook in this organization"],
    ["409", "E-mail test: SMTP is not configured"],
    ["422", "A field is invalid; errors[] names each field (a webhook URL refused by the outbound guard: url)"],
  ].map(([code, description]) => [
    code,
    { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
  ]),
);
const path = (n: string) => ({ name: n, in: "path", required: true, schema: { type: "string" } });
const body = (ref: string) => ({ "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } });
const answer = (description: string, ref: string) => ({ description, content: body(ref) });
const list = (ref: string) => ({
  description: "The list",
  content: {
    "application/json": {
      schema: {
        type: "object",
        properties: { results: { type: "array", items: { $ref: `#/components/schemas/${ref}` } } },
      },
    },
  },
});
const [org, id] = [path("org"), path("id")];
const base = "/api/orgs/{org}";

export const notificationPaths = {
  [`${base}/notification-settings`]: {
    get: {
      summary: "Expiry notification settings (Settings: Manage)",
      parameters: [org],
      responses: { "200": answer("The settings", "NotificationSettings"), ...errors },
    },
    put: {
      summary: "Replace thresholds and extra e-mail addresses",
      parameters: [org],
      requestBody: { required: true, content: body("NotificationSettingsInput") },
      responses: { "200": answer("Saved", "NotificationSettings"), ...errors },
    },
  },
  [`${base}/notification-settings/test`]: {
    post: {
      summary: "Send a test e-mail to the digest's recipients (owners, administrators, extra addresses)",
      parameters: [org],
      responses: { "200": answer("What happened", "TestResult"), ...errors },
    },
  },
  [`${base}/webhooks`]: {
    get: {
      summary: "Webhooks (never their secrets)",
      parameters: [org],
      responses: { "200": list("Webhook"), ...errors },
    },
    post: {
      summary:
        "Add a webhook (at most 10 per organization; 422 at url beyond); bodies are signed with X-TLS-Console-Signature: sha256=<hex HMAC-SHA256 of the raw body with the secret>",
      parameters: [org],
      requestBody: { required: true, content: body("WebhookInput") },
      responses: { "201": answer("Created (the secret is not returned)", "Webhook"), ...errors },
    },
  },
  [`${base}/webhooks/{id}`]: {
    delete: {
      summary: "Delete a webhook, its pending notices and its delivery log",
      parameters: [org, id],
      responses: { "204": { description: "Deleted" }, ...errors },
    },
  },
  [`${base}/webhooks/{id}/deliveries`]: {
    get: {
      summary: "The delivery log: every attempt, newest first (last 100)",
      parameters: [org, id],
      responses: { "200": list("Delivery"), ...errors },
    },
  },
  [`${base}/webhooks/{id}/test`]: {
    post: {
      summary: "Post a signed test event now",
      parameters: [org, id],
      responses: { "200": answer("How the receiver answered", "TestResult"), ...errors },
    },
  },
  [`${base}/expiry/check`]: {
    post: {
      summary: "Run the expiry check for this organization now; answers what it queued (sent in the background)",
      parameters: [org],
      responses: { "200": answer("What was queued", "ExpiryCheckResult"), ...errors },
    },
  },
};
