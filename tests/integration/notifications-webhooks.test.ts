import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issue } from "@/lib/crypto/pki";
import { daysLeft } from "@/lib/tls/expiry";
import { RETRY_WINDOW_MS } from "@/lib/tls/notifications";
import type { OrgContext } from "@/lib/server/access/require-org";
import { runExpiryCheck } from "@/lib/server/notifications/check";
import { deliverDue } from "@/lib/server/notifications/deliver";
import { sendTestWebhook } from "@/lib/server/notifications/test-send";
import { createWebhook, deleteWebhook, listWebhooks, webhookDeliveries } from "@/lib/server/notifications/webhooks";
import { db } from "@/lib/server/platform/db";
import { createClientProfile } from "@/lib/server/profiles/client-profiles";
import { createKeystore } from "@/lib/server/stores/keystores";
import { contextFor } from "../helpers/org-context";
import { keystoreUpload, testCa } from "../helpers/pki";
import { startReceiver } from "../helpers/webhook-receiver";
import { buildWorld } from "../helpers/world";
import * as webhooksRoute from "@/app/api/orgs/[org]/webhooks/route";
import * as settingsRoute from "@/app/api/orgs/[org]/notification-settings/route";
import * as expiryCheck from "@/app/api/orgs/[org]/expiry/check/route";
import { ctx as routeCtx, request } from "../helpers/http";

const T = new Date();
const after = (ms: number) => new Date(T.getTime() + ms);
const SECRET = "a-shared-secret-of-some-length";

let world: Awaited<ReturnType<typeof buildWorld>>;
const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];

beforeAll(async () => {
  // The receivers listen on loopback over http: the outbound guard lets tests reach them only through this.
  process.env.OUTBOUND_ALLOW = "127.0.0.0/8";
  delete process.env.SMTP_URL;
  world = await buildWorld();
});
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
});

async function receiver(script: number[]) {
  const r = await startReceiver(script);
  receivers.push(r);
  return r;
}

const sign = (body: string) => `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;

async function keystoreExpiringIn(c: OrgContext, days: number, name: string) {
  const pair = issue(T, { commonName: `${name}.example`, usage: "server", toDays: days }, testCa);
  return createKeystore(c, { title: name, name }, keystoreUpload(pair));
}

describe("webhooks", () => {
  it("refuses a URL the outbound guard refuses and a short secret, at their fields; never shows the secret", async () => {
    const ctx = await contextFor(world, "owner");
    await expect(createWebhook(ctx, { url: "http://169.254.169.254/latest", secret: SECRET })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: [expect.objectContaining({ field: "url" })],
    });
    await expect(createWebhook(ctx, { url: "ftp://example.com/x", secret: SECRET })).rejects.toMatchObject({
      fieldErrors: [expect.objectContaining({ field: "url" })],
    });
    await expect(createWebhook(ctx, { url: "https://example.com/x", secret: "short" })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["secret"] })],
    });
    const hook = await createWebhook(ctx, { url: "https://hooks.example.com/tls", secret: SECRET });
    expect(JSON.stringify(hook)).not.toContain(SECRET);
    expect(JSON.stringify(await listWebhooks(ctx))).not.toContain(SECRET);
    const row = await db().webhook.findUniqueOrThrow({ where: { id: hook.id } });
    expect(JSON.stringify(row)).not.toContain(SECRET);
    expect(JSON.stringify(await db().auditEvent.findMany({ where: { targetType: "webhook" } }))).not.toContain(SECRET);
    await deleteWebhook(ctx, hook.id);
    expect(await listWebhooks(ctx)).toEqual([]);
    // A token in the URL (Slack puts it in the path) is stored for delivery but never shown or audited.
    const token = "XXXXXXXXXXXXXXXXXXXXtkn9";
    const slack = await createWebhook(ctx, { url: `https://hooks.slack.com/services/T0/B0/${token}`, secret: SECRET });
    expect(slack.url).toBe("https://hooks.slack.com/services/…tkn9");
    await deleteWebhook(ctx, slack.id);
    expect(JSON.stringify(await db().auditEvent.findMany({ where: { targetType: "webhook" } }))).not.toContain(token);
    // Another organization's administrator cannot see or delete it.
    const other = await contextFor(world, "otherOrgAdmin", world.otherOrg);
    const again = await createWebhook(ctx, { url: "https://hooks.example.com/tls", secret: SECRET });
    await expect(deleteWebhook(other, again.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(webhookDeliveries(other, again.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await deleteWebhook(ctx, again.id);
  });

  it("signs the body, retries 500s by the schedule and logs every attempt: three attempts, one success", async () => {
    const ctx = await contextFor(world, "owner");
    const r = await receiver([500, 500, 200]);
    const hook = await createWebhook(ctx, { url: r.url(), secret: SECRET });
    const store = await keystoreExpiringIn(ctx, 6, "partner-mtls");
    await createClientProfile(ctx, {
      title: "Partner",
      version: "1.0.0",
      protocols: ["tls_v1.3"],
      ciphers: ["TLS_AES_256_GCM_SHA384"],
      keystore_url: store.name,
    });

    const queued = await runExpiryCheck(ctx, T);
    expect(queued.queued).toEqual([
      expect.objectContaining({ channel: "webhook", webhook_id: hook.id, threshold_days: 7 }),
    ]);

    expect(await deliverDue(T)).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(await deliverDue(after(30_000))).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await deliverDue(after(60_000))).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(await deliverDue(after(2 * 60_000))).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await deliverDue(after(3 * 60_000))).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(await deliverDue(after(60 * 60_000))).toEqual({ sent: 0, retrying: 0, failed: 0 });

    expect(r.posts).toHaveLength(3);
    for (const p of r.posts) {
      expect(p.headers["x-tls-console-signature"]).toBe(sign(p.body));
      expect(p.headers["content-type"]).toBe("application/json");
      expect(p.body).toBe(r.posts[0].body);
    }
    const body = JSON.parse(r.posts[0].body);
    expect(body).toEqual({
      event: "certificate.expiring",
      org: world.org,
      kind: "keystore",
      store_name: "partner-mtls",
      position: 0,
      subject: "CN=partner-mtls.example",
      not_after: store.not_after,
      days_left: daysLeft(new Date(store.not_after!), T),
      threshold_days: 7,
      sha256_fingerprint: store.sha256_fingerprint,
      used_by: [{ type: "tls_client_profile", name: "partner", version: "1.0.0", title: "Partner" }],
    });

    const log = await webhookDeliveries(ctx, hook.id);
    expect(log.map((a) => [a.outcome, a.status_code, a.next_retry_at])).toEqual([
      ["sent", 200, null],
      ["failed", 500, after(3 * 60_000).toISOString()],
      ["failed", 500, after(60_000).toISOString()],
    ]);
    expect(log[1].error).toMatch(/HTTP 500/);

    // A test notification goes out at once, signed, and joins the log.
    const test = await sendTestWebhook(ctx, hook.id, after(4 * 60_000));
    expect(test).toMatchObject({ ok: true, status_code: 200 });
    expect(JSON.parse(r.posts[3].body)).toMatchObject({ event: "test", org: world.org });
    expect(r.posts[3].headers["x-tls-console-signature"]).toBe(sign(r.posts[3].body));
    expect((await webhookDeliveries(ctx, hook.id))[0]).toMatchObject({ event: "test", outcome: "sent" });
    await deleteWebhook(ctx, hook.id);
  });

  it("gives up 24 hours after the notice was written, and logs the refusal of an unreachable receiver", async () => {
    const ctx = await contextFor(world, "otherOrgAdmin", world.otherOrg);
    const r = await receiver([503]);
    const hook = await createWebhook(ctx, { url: r.url("/down"), secret: SECRET });
    await keystoreExpiringIn(ctx, 3, "always-down");
    expect((await runExpiryCheck(ctx, T)).queued).toHaveLength(1);
    let now = T;
    for (let i = 0; i < 100; i++) {
      const run = await deliverDue(now);
      if (run.failed) break;
      const notice = await db().notice.findFirstOrThrow({ where: { webhookId: hook.id, status: { not: "covered" } } });
      now = notice.nextAttemptAt;
    }
    const notice = await db().notice.findFirstOrThrow({ where: { webhookId: hook.id, status: { not: "covered" } } });
    expect(notice.status).toBe("failed");
    expect(now.getTime() - T.getTime()).toBeLessThanOrEqual(RETRY_WINDOW_MS);
    expect(r.posts.length).toBe(notice.attempts);
    expect(notice.attempts).toBeGreaterThan(20);
    const log = await webhookDeliveries(ctx, hook.id);
    expect(log).toHaveLength(notice.attempts);
    expect(log[0]).toMatchObject({ outcome: "failed", status_code: 503, next_retry_at: null });

    await r.close();
    const unreachable = await sendTestWebhook(ctx, hook.id, now);
    expect(unreachable).toMatchObject({ ok: false, status_code: null });
    expect((await webhookDeliveries(ctx, hook.id))[0]).toMatchObject({
      event: "test",
      outcome: "failed",
      status_code: null,
    });
  });

  it("over REST: a refused URL is a 422 at the url field, settings errors name their field, the secret never comes back", async () => {
    const auth = { bearer: world.users.customManage.apiKey };
    const at = routeCtx({ org: world.org });
    const refused = await webhooksRoute.POST(
      request("POST", "/x", auth, { url: "http://169.254.169.254/", secret: SECRET }),
      at,
    );
    expect(refused.status).toBe(422);
    expect((await refused.json()).errors).toEqual([expect.objectContaining({ field: "url" })]);
    const r = await receiver([200]);
    const created = await webhooksRoute.POST(request("POST", "/x", auth, { url: r.url(), secret: SECRET }), at);
    expect(created.status).toBe(201);
    const listed = await webhooksRoute.GET(request("GET", "/x", auth), at);
    expect(await listed.text()).not.toContain(SECRET);
    const bad = await settingsRoute.PUT(request("PUT", "/x", auth, { thresholds: [7, 7], extra_emails: ["x"] }), at);
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors.map((e: { field: string }) => e.field).sort()).toEqual([
      "extra_emails.0",
      "thresholds",
    ]);
    const checked = await expiryCheck.POST(request("POST", "/x", auth), at);
    expect(checked.status).toBe(200);
    expect(await checked.json()).toMatchObject({ queued: expect.any(Array), covered: expect.any(Number) });
  });
});
