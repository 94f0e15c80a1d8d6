import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as settingsRoute from "@/app/api/orgs/[org]/notification-settings/route";
import * as settingsTest from "@/app/api/orgs/[org]/notification-settings/test/route";
import * as webhooksRoute from "@/app/api/orgs/[org]/webhooks/route";
import * as webhookById from "@/app/api/orgs/[org]/webhooks/[id]/route";
import * as deliveries from "@/app/api/orgs/[org]/webhooks/[id]/deliveries/route";
import * as webhookTest from "@/app/api/orgs/[org]/webhooks/[id]/test/route";
import * as expiryCheck from "@/app/api/orgs/[org]/expiry/check/route";
import {
  createWebhookAction,
  deleteWebhookAction,
  runExpiryCheckAction,
  saveNotificationSettingsAction,
  testEmailAction,
  testWebhookAction,
} from "@/app/actions/notifications";
import { createWebhook } from "@/lib/server/notifications/webhooks";
import { db } from "@/lib/server/platform/db";
import { ctx, request, type Auth } from "../helpers/http";
import { contextFor } from "../helpers/org-context";
import { actAs } from "../helpers/request-state";
import { startSmtpSink } from "../helpers/smtp-sink";
import { startReceiver } from "../helpers/webhook-receiver";
import { whoMay } from "../helpers/who-may";
import { buildWorld, PRINCIPALS, type Principal } from "../helpers/world";

type Who = Principal | "anonymous" | "revokedKey" | "expiredKey" | "elsewhereKey";
const EVERYONE: Who[] = [...PRINCIPALS, "anonymous", "revokedKey", "expiredKey", "elsewhereKey"];
const UNAUTHENTICATED: Who[] = ["anonymous", "revokedKey", "expiredKey"];

let world: Awaited<ReturnType<typeof buildWorld>>;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let seq = 0;

beforeAll(async () => {
  process.env.OUTBOUND_ALLOW = "127.0.0.0/8";
  smtp = await startSmtpSink();
  receiver = await startReceiver([200]);
  process.env.SMTP_URL = smtp.url;
  world = await buildWorld();
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await Promise.all([smtp.close(), receiver.close()]);
});

const state = async () => ({
  settings: await db().notificationSettings.findMany({ orderBy: { orgId: "asc" } }),
  webhooks: await db().webhook.findMany({ orderBy: { id: "asc" } }),
  notices: await db().notice.count(),
  attempts: await db().deliveryAttempt.count(),
  audit: await db().auditEvent.count(),
  mails: smtp.mails.length,
  posts: receiver.posts.length,
});

/**
 * A fresh webhook per case, so an allowed delete has its own target. The earlier cases' webhooks go first: an
 * organization holds at most MAX_WEBHOOKS_PER_ORG, and POST webhooks must still have room for one more.
 */
async function target() {
  const owner = await contextFor(world, "owner");
  await db().webhook.deleteMany({ where: { orgId: owner.org.id } });
  return createWebhook(owner, {
    url: receiver.url(),
    secret: "a-shared-secret-of-some-length",
  });
}

function restAuth(who: Who): Auth {
  if (who === "anonymous") return null;
  if (who === "revokedKey") return { bearer: world.revokedKey };
  if (who === "expiredKey") return { bearer: world.expiredKey };
  if (who === "elsewhereKey") return { bearer: world.elsewhereKey };
  return ++seq % 2 === 0 ? { bearer: world.users[who].apiKey } : { session: world.users[who].session };
}

const settingsBody = () => ({ thresholds: [30, 7, 1, 0], extra_emails: [`ops-${++seq}@example.test`] });
const one = (id: string) => ctx({ org: world.org, id });

type RestCase = { name: string; allowed: Who[]; call: (a: Auth, id: string) => Promise<Response> };
const REST: RestCase[] = [
  {
    name: "GET notification-settings",
    allowed: whoMay("manageNotifications"),
    call: (a) => settingsRoute.GET(request("GET", "/x", a), ctx({ org: world.org })),
  },
  {
    name: "PUT notification-settings",
    allowed: whoMay("saveNotificationSettings"),
    call: (a) => settingsRoute.PUT(request("PUT", "/x", a, settingsBody()), ctx({ org: world.org })),
  },
  {
    name: "POST notification-settings/test",
    allowed: whoMay("sendTestNotification"),
    call: (a) => settingsTest.POST(request("POST", "/x", a), ctx({ org: world.org })),
  },
  {
    name: "GET webhooks",
    allowed: whoMay("manageNotifications"),
    call: (a) => webhooksRoute.GET(request("GET", "/x", a), ctx({ org: world.org })),
  },
  {
    name: "POST webhooks",
    allowed: whoMay("createWebhook"),
    call: (a) =>
      webhooksRoute.POST(
        request("POST", "/x", a, { url: receiver.url(`/made-${++seq}`), secret: "another-secret-of-length" }),
        ctx({ org: world.org }),
      ),
  },
  {
    name: "DELETE webhooks/{id}",
    allowed: whoMay("deleteWebhook"),
    call: (a, id) => webhookById.DELETE(request("DELETE", "/x", a), one(id)),
  },
  {
    name: "GET webhooks/{id}/deliveries",
    allowed: whoMay("manageNotifications"),
    call: (a, id) => deliveries.GET(request("GET", "/x", a), one(id)),
  },
  {
    name: "POST webhooks/{id}/test",
    allowed: whoMay("sendTestNotification"),
    call: (a, id) => webhookTest.POST(request("POST", "/x", a), one(id)),
  },
  {
    name: "POST expiry/check",
    allowed: whoMay("runExpiryCheck"),
    call: (a) => expiryCheck.POST(request("POST", "/x", a), ctx({ org: world.org })),
  },
];

describe.each(REST)("REST $name", ({ allowed, call }) => {
  it.each(EVERYONE)("%s", async (who) => {
    const hook = await target();
    const before = await state();
    const res = await call(restAuth(who), hook.id);
    if (allowed.includes(who)) {
      expect(res.status, await res.clone().text()).toBeLessThan(300);
      return;
    }
    expect(res.status).toBe(UNAUTHENTICATED.includes(who) ? 401 : 403);
    expect(await res.json()).toMatchObject({ status: res.status, errors: [] });
    expect(await state()).toEqual(before);
  });
});

type ActionCase = { name: string; allowed: Who[]; call: (id: string) => Promise<{ ok: boolean; code?: string }> };
const ACTIONS: ActionCase[] = [
  {
    name: "saveNotificationSettings",
    allowed: whoMay("saveNotificationSettings"),
    call: () => saveNotificationSettingsAction(world.org, settingsBody()),
  },
  {
    name: "createWebhook",
    allowed: whoMay("createWebhook"),
    call: () =>
      createWebhookAction(world.org, { url: receiver.url(`/made-${++seq}`), secret: "another-secret-of-length" }),
  },
  { name: "deleteWebhook", allowed: whoMay("deleteWebhook"), call: (id) => deleteWebhookAction(world.org, id) },
  { name: "testWebhook", allowed: whoMay("sendTestNotification"), call: (id) => testWebhookAction(world.org, id) },
  { name: "testEmail", allowed: whoMay("sendTestNotification"), call: () => testEmailAction(world.org) },
  { name: "runExpiryCheck", allowed: whoMay("runExpiryCheck"), call: () => runExpiryCheckAction(world.org) },
];

describe.each(ACTIONS)("server action $name", ({ allowed, call }) => {
  it.each([...PRINCIPALS, "anonymous"] as Who[])("%s", async (who) => {
    const hook = await target();
    actAs(who === "anonymous" ? undefined : world.users[who as Principal].session);
    const before = await state();
    const result = await call(hook.id);
    if (allowed.includes(who)) {
      expect(result).toMatchObject({ ok: true });
      return;
    }
    expect(result).toMatchObject({ ok: false, code: who === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN" });
    expect(await state()).toEqual(before);
  });
});
