import { afterAll, beforeAll, expect, it } from "vitest";
import { issue } from "@/lib/crypto/pki";
import { DAY_MS } from "@/lib/tls/expiry";
import { checkAllOrgs } from "@/lib/server/notifications/check";
import { deliverDue } from "@/lib/server/notifications/deliver";
import { createWebhook } from "@/lib/server/notifications/webhooks";
import { db } from "@/lib/server/platform/db";
import { createKeystore } from "@/lib/server/stores/keystores";
import { contextFor } from "../helpers/org-context";
import { keystoreUpload, testCa } from "../helpers/pki";
import { startSmtpSink } from "../helpers/smtp-sink";
import { startReceiver } from "../helpers/webhook-receiver";
import { buildWorld } from "../helpers/world";

/**
 * Several schedulers on one database (on PostgreSQL: separate pooled connections, so the claims really race): each
 * runs the check and the delivery at the same moment, and every notice still reaches each channel exactly once.
 */
const T = new Date();
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  process.env.OUTBOUND_ALLOW = "127.0.0.0/8";
  smtp = await startSmtpSink();
  receiver = await startReceiver([200]);
  process.env.SMTP_URL = smtp.url;
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await Promise.all([smtp.close(), receiver.close()]);
});

const schedulers = (n: number, now: Date) =>
  Promise.all(Array.from({ length: n }, () => checkAllOrgs(now).then(() => deliverDue(now))));

it("sends every notice once per channel when four schedulers run at the same time, also on a later run", async () => {
  const world = await buildWorld();
  const ctx = await contextFor(world, "owner");
  await createWebhook(ctx, { url: receiver.url(), secret: "a-shared-secret-of-some-length" });
  const days = [25, 12, 5, 2, 0.5];
  for (const d of days) {
    const pair = issue(T, { commonName: `race-${d}.example`, usage: "server", toDays: d }, testCa);
    await createKeystore(ctx, { title: `Race ${d}` }, keystoreUpload(pair));
  }

  const first = await schedulers(4, T);
  expect(first.reduce((n, r) => n + r.sent, 0)).toBe(10);
  const second = await schedulers(4, new Date(T.getTime() + 4 * DAY_MS));
  // 4 days on: 5 → 1 day left, 2 and 0.5 → expired; 25 and 12 cross nothing new.
  expect(second.reduce((n, r) => n + r.sent, 0)).toBe(6);

  const sent = await db().notice.findMany({ where: { status: "sent" } });
  expect(sent).toHaveLength(16);
  // Webhook: one POST per notice, never two for the same notice.
  const ids = receiver.posts.map((p) => p.headers["x-tls-console-delivery"]);
  expect(ids).toHaveLength(8);
  expect(new Set(ids).size).toBe(8);
  const keys = receiver.posts.map((p) => {
    const b = JSON.parse(p.body) as { sha256_fingerprint: string; threshold_days: number };
    return `${b.sha256_fingerprint}|${b.threshold_days}`;
  });
  expect(new Set(keys).size).toBe(8);
  // E-mail: every certificate appears once per run across the digests sent.
  const lines = smtp.mails.flatMap((m) => m.text.split(/\r?\n/).filter((l) => l.startsWith("- CN=race-")));
  expect(lines).toHaveLength(8);
  expect(smtp.mails.length).toBeGreaterThanOrEqual(2);
});
