import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issue } from "@/lib/crypto/pki";
import { DAY_MS } from "@/lib/tls/expiry";
import type { OrgContext } from "@/lib/server/access/require-org";
import { checkAllOrgs, runExpiryCheck } from "@/lib/server/notifications/check";
import { notificationCounts } from "@/lib/server/notifications/counts";
import { deliverDue } from "@/lib/server/notifications/deliver";
import { getNotificationSettings, saveNotificationSettings } from "@/lib/server/notifications/settings";
import { sendTestEmail } from "@/lib/server/notifications/test-send";
import { db } from "@/lib/server/platform/db";
import { createInvitation } from "@/lib/server/access/invitations";
import { createKeystore } from "@/lib/server/stores/keystores";
import { replaceKeystoreMaterial } from "@/lib/server/stores/keystore-replacement";
import { createTruststore, removeTruststoreCertificate } from "@/lib/server/stores/truststores";
import { contextFor } from "../helpers/org-context";
import { keystoreUpload, leaf, pemUpload, testCa } from "../helpers/pki";
import { startSmtpSink } from "../helpers/smtp-sink";
import { buildWorld } from "../helpers/world";

/** Real time when the certificates were made; every check and delivery below runs at an injected time from here. */
const T = new Date();
const at = (days: number) => new Date(T.getTime() + days * DAY_MS);

let world: Awaited<ReturnType<typeof buildWorld>>;
let ctx: OrgContext;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  smtp = await startSmtpSink();
  process.env.SMTP_URL = smtp.url;
  process.env.SMTP_FROM = "TLS console <console@example.test>";
  world = await buildWorld();
  ctx = await contextFor(world, "owner");
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await smtp.close();
});

async function keystoreExpiringIn(c: OrgContext, days: number) {
  const pair = issue(T, { commonName: `in-${days}-days.example`, usage: "server", toDays: days }, testCa);
  return createKeystore(c, { title: `Expires in ${days} days` }, keystoreUpload(pair, { allowExpired: days <= 0 }));
}

const noticesOf = (orgId: string) =>
  db().notice.findMany({ where: { orgId }, orderBy: [{ fingerprint: "asc" }, { thresholdDays: "asc" }] });

describe("settings", () => {
  it("starts at the defaults, saves thresholds and extra addresses, and refuses bad input at the field", async () => {
    expect(await getNotificationSettings(ctx)).toEqual({
      thresholds: [30, 7, 1, 0],
      extra_emails: [],
      smtp_configured: true,
    });
    await expect(saveNotificationSettings(ctx, { thresholds: [30, -2], extra_emails: [] })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["thresholds", 1] })],
    });
    const saved = await saveNotificationSettings(ctx, {
      thresholds: [0, 1, 7, 30],
      extra_emails: ["Ops@Example.test"],
    });
    expect(saved).toMatchObject({ thresholds: [30, 7, 1, 0], extra_emails: ["ops@example.test"] });
    expect(await getNotificationSettings(ctx)).toEqual(saved);
  });
});

describe("the expiry check and the e-mail digest", () => {
  it("crosses each threshold once, most urgent first, and sends one digest to owners, administrators and extras", async () => {
    const org = await db().organization.findUniqueOrThrow({ where: { name: world.org } });
    await saveNotificationSettings(ctx, { thresholds: [30, 7, 1, 0], extra_emails: ["ops@example.test"] });
    const stores = Object.fromEntries(
      await Promise.all([40, 29, 6, 0.5, -1].map(async (d) => [d, await keystoreExpiringIn(ctx, d)] as const)),
    );

    const first = await runExpiryCheck(ctx, T);
    const queued = first.queued.map((q) => [q.store_name, q.threshold_days, q.event]).sort();
    expect(queued).toEqual(
      [
        [stores[29].name, 30, "certificate.expiring"],
        [stores[6].name, 7, "certificate.expiring"],
        [stores[0.5].name, 1, "certificate.expiring"],
        [stores[-1].name, 0, "certificate.expired"],
      ].sort(),
    );
    // 6 days: 30 covered; 0 days: 7 and 30; expired: 1, 7 and 30.
    expect(first.covered).toBe(6);
    expect((await runExpiryCheck(ctx, T)).queued).toEqual([]);
    expect((await checkAllOrgs(new Date(T.getTime() + 60_000))).queued).toEqual([]);

    const run = await deliverDue(T);
    expect(run).toEqual({ sent: 4, retrying: 0, failed: 0 });
    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail.to.sort()).toEqual([world.users.owner.email, world.users.orgAdmin.email, "ops@example.test"].sort());
    expect(mail.from).toBe("console@example.test");
    for (const d of [29, 6, 0.5, -1]) expect(mail.text).toContain(`in-${d}-days.example`);
    expect(mail.text).not.toContain("in-40-days.example");
    expect(mail.text).toMatch(/EXPIRED on/);

    // Nothing new is due: a second delivery and a second check send nothing.
    expect(await deliverDue(at(0.01))).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(smtp.mails).toHaveLength(1);

    // Five and a half days on, the 6-day certificate crosses 1 day and the half-day one has expired; the 40-day
    // one (34.5 days left) and the 29-day one have crossed nothing new.
    const later = await runExpiryCheck(ctx, at(5.5));
    expect(later.queued.map((q) => [q.store_name, q.threshold_days, q.event]).sort()).toEqual(
      [
        [stores[6].name, 1, "certificate.expiring"],
        [stores[0.5].name, 0, "certificate.expired"],
      ].sort(),
    );
    await deliverDue(at(5.5));
    expect(smtp.mails).toHaveLength(2);
    const sent = (await noticesOf(org.id)).filter((n) => n.status === "sent");
    expect(sent).toHaveLength(6);
    expect(new Set(sent.map((n) => `${n.fingerprint}|${n.thresholdDays}`)).size).toBe(6);
  });

  it("drops pending notices for material replaced by a rotation or a removed trust anchor", async () => {
    const other = await db().organization.findUniqueOrThrow({ where: { name: world.otherOrg } });
    const otherAdmin = await contextFor(world, "otherOrgAdmin", world.otherOrg);
    const store = await keystoreExpiringIn(otherAdmin, 6);
    const soon = issue(T, { commonName: "anchor-soon.example", usage: "ca", toDays: 3 });
    const trust = await createTruststore(otherAdmin, { title: "Anchors" }, pemUpload(soon.certPem + testCa.certPem));
    const checked = await runExpiryCheck(otherAdmin, T);
    expect(checked.queued.map((q) => q.subject).sort()).toEqual(["CN=anchor-soon.example", "CN=in-6-days.example"]);

    await replaceKeystoreMaterial(otherAdmin, store.name, keystoreUpload(leaf("renewed.example")));
    const anchor = trust.certificates!.find((c) => c.subject.includes("anchor-soon"))!;
    await removeTruststoreCertificate(otherAdmin, trust.name, anchor.sha256_fingerprint);
    expect(await db().notice.count({ where: { orgId: other.id, status: "pending" } })).toBe(0);

    const before = smtp.mails.length;
    expect(await deliverDue(T)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(smtp.mails).toHaveLength(before);
    // The renewed material is far from expiry: nothing to notify.
    expect((await runExpiryCheck(otherAdmin, T)).queued).toEqual([]);
  });

  it("retries a digest the relay refuses, then counts what was sent and given up", async () => {
    const c = await contextFor(world, "otherOrgAdmin", world.otherOrg);
    await keystoreExpiringIn(c, 2);
    expect((await runExpiryCheck(c, T)).queued).toHaveLength(1);
    process.env.SMTP_URL = "smtp://127.0.0.1:1";
    const refused = await deliverDue(T);
    expect(refused).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const log = await db().deliveryAttempt.findMany({ where: { channel: "email", outcome: "failed" } });
    expect(log).toHaveLength(1);
    expect(log[0].nextRetryAt).toEqual(new Date(T.getTime() + 60_000));
    process.env.SMTP_URL = smtp.url;
    // Not due before its retry time; sent at it.
    expect(await deliverDue(new Date(T.getTime() + 30_000))).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await deliverDue(new Date(T.getTime() + 60_000))).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(await notificationCounts()).toEqual(
      expect.arrayContaining([
        { channel: "email", outcome: "sent", count: 7 },
        { channel: "email", outcome: "failed", count: 0 },
        { channel: "webhook", outcome: "sent", count: 0 },
      ]),
    );
  });

  it("sends a test e-mail to the digest's recipients at once", async () => {
    const before = smtp.mails.length;
    const result = await sendTestEmail(ctx, T);
    expect(result.ok).toBe(true);
    expect(smtp.mails).toHaveLength(before + 1);
    expect(smtp.mails.at(-1)!.to).toContain("ops@example.test");
    expect(smtp.mails.at(-1)!.text).toContain("test notification");
  });

  it("mails an invitation's one-time link to the invited address, and still shows it once to the inviter", async () => {
    const before = smtp.mails.length;
    const invited = await createInvitation(ctx, { email: "new-person@example.test", role: "member" });
    expect(invited.emailed).toBe(true);
    expect(smtp.mails).toHaveLength(before + 1);
    const mail = smtp.mails.at(-1)!;
    expect(mail.to).toEqual(["new-person@example.test"]);
    expect(mail.text).toContain(invited.link);
    process.env.SMTP_URL = "smtp://127.0.0.1:1";
    const unsent = await createInvitation(ctx, { email: "other-person@example.test", role: "member" });
    process.env.SMTP_URL = smtp.url;
    expect(unsent).toMatchObject({ emailed: false, link: expect.stringContaining("/invite/") });
    expect(smtp.mails).toHaveLength(before + 1);
  });
});
