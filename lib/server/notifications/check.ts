import "server-only";
import { DAY_MS, daysLeft } from "@/lib/tls/expiry";
import { expiryEvent, noticePlan, RETRY_WINDOW_MS } from "@/lib/tls/notifications";
import type { DependantDto } from "@/lib/tls/store-dto";
import type { OrgContext } from "@/lib/server/access/require-org";
import { smtpConfigured } from "@/lib/server/mail/mailer";
import { settingsOf } from "@/lib/server/notifications/settings";
import { db } from "@/lib/server/platform/db";
import { isUniqueViolation } from "@/lib/server/platform/prisma-errors";

/** At most this many certificates per organization and run: the nearest to expiry first; the rest wait a run. */
const MAX_CERTIFICATES = 2000;

interface QueuedNotice {
  channel: "email" | "webhook";
  webhook_id: string | null;
  event: string;
  threshold_days: number;
  sha256_fingerprint: string;
  store_name: string;
  subject: string;
}

interface CheckResult {
  queued: QueuedNotice[];
  /** Less urgent thresholds recorded as covered by a queued notice (never sent). */
  covered: number;
}

type Org = { id: string; name: string };

/** The check for the organization a request names (POST /expiry/check). */
export function runExpiryCheck(ctx: OrgContext, now = new Date()): Promise<CheckResult> {
  return checkOrg(ctx.org, now);
}

/** The scheduled check: every organization, one after the other. */
export async function checkAllOrgs(now: Date): Promise<CheckResult> {
  const total: CheckResult = { queued: [], covered: 0 };
  for (const org of await db().organization.findMany({ select: { id: true, name: true }, orderBy: { id: "asc" } })) {
    const one = await checkOrg(org, now);
    total.queued.push(...one.queued);
    total.covered += one.covered;
  }
  return total;
}

/**
 * Records a notice per channel for every certificate that crossed a threshold, before anything is sent. Thresholds
 * are evaluated against `now`, so a run missed during downtime is simply the next run; the unique key on
 * (org, channel, fingerprint, threshold) makes a second run, or a second instance running at the same time,
 * record nothing new.
 */
async function checkOrg(org: Org, now: Date): Promise<CheckResult> {
  const settings = await settingsOf(org.id);
  const webhooks = await db().webhook.findMany({ where: { orgId: org.id }, select: { id: true } });
  const channels = [
    ...(smtpConfigured() ? [{ channel: "email", kind: "email" as const, webhookId: null }] : []),
    ...webhooks.map((w) => ({ channel: `webhook:${w.id}`, kind: "webhook" as const, webhookId: w.id })),
  ];
  const result: CheckResult = { queued: [], covered: 0 };
  if (channels.length === 0) return result;

  const certificates = await candidates(org, now, Math.max(...settings.thresholds));
  const recorded = await recordedThresholds(org.id, [...certificates.keys()]);
  for (const cert of certificates.values()) {
    const notAfter = cert.notAfter;
    for (const ch of channels) {
      const plan = noticePlan(
        notAfter,
        now,
        settings.thresholds,
        recorded.get(`${ch.channel}|${cert.sha256}`) ?? new Set(),
      );
      if (plan.notify === null) continue;
      const event = expiryEvent(notAfter, now);
      const base = {
        orgId: org.id,
        channel: ch.channel,
        webhookId: ch.webhookId,
        fingerprint: cert.sha256,
        event,
        nextAttemptAt: now,
        giveUpAt: new Date(now.getTime() + RETRY_WINDOW_MS),
        createdAt: now,
      };
      const payload = (threshold: number) =>
        JSON.stringify({
          event,
          org: org.name,
          kind: cert.kind,
          store_name: cert.storeName,
          position: cert.position,
          subject: cert.subject,
          not_after: notAfter.toISOString(),
          days_left: daysLeft(notAfter, now),
          threshold_days: threshold,
          sha256_fingerprint: cert.sha256,
          used_by: cert.usedBy,
        });
      for (const t of plan.covered)
        if (await insertNotice({ ...base, thresholdDays: t, status: "covered", payload: payload(t) })) result.covered++;
      if (await insertNotice({ ...base, thresholdDays: plan.notify, status: "pending", payload: payload(plan.notify) }))
        result.queued.push({
          channel: ch.kind,
          webhook_id: ch.webhookId,
          event,
          threshold_days: plan.notify,
          sha256_fingerprint: cert.sha256,
          store_name: cert.storeName,
          subject: cert.subject,
        });
    }
  }
  return result;
}

type NoticeData = Parameters<ReturnType<typeof db>["notice"]["create"]>[0]["data"];

/** Inserts a notice unless one with its key exists (another run or instance got there first): false then. */
async function insertNotice(data: NoticeData): Promise<boolean> {
  try {
    await db().notice.create({ data });
    return true;
  } catch (e) {
    if (isUniqueViolation(e)) return false;
    throw e;
  }
}

interface Candidate {
  sha256: string;
  notAfter: Date;
  kind: "keystore" | "truststore";
  storeName: string;
  position: number;
  subject: string;
  usedBy: DependantDto[];
}

/**
 * Certificates within the largest threshold (or expired), by fingerprint: one certificate held by two stores is one
 * certificate, notified once, described by the first store found.
 */
async function candidates(org: Org, now: Date, maxThreshold: number): Promise<Map<string, Candidate>> {
  const rows = await db().certificate.findMany({
    where: { orgId: org.id, notAfter: { lte: new Date(now.getTime() + maxThreshold * DAY_MS) } },
    select: {
      sha256: true,
      notAfter: true,
      position: true,
      subject: true,
      keystoreId: true,
      truststoreId: true,
      keystore: { select: { name: true } },
      truststore: { select: { name: true } },
    },
    orderBy: [{ notAfter: "asc" }, { id: "asc" }],
    take: MAX_CERTIFICATES,
  });
  const usedBy = await dependantsByStore(
    rows.flatMap((r) => (r.keystoreId ? [r.keystoreId] : [])),
    rows.flatMap((r) => (r.truststoreId ? [r.truststoreId] : [])),
  );
  const out = new Map<string, Candidate>();
  for (const r of rows) {
    if (out.has(r.sha256)) continue;
    const storeId = r.keystoreId ?? r.truststoreId ?? "";
    out.set(r.sha256, {
      sha256: r.sha256,
      notAfter: r.notAfter,
      kind: r.keystoreId ? "keystore" : "truststore",
      storeName: r.keystore?.name ?? r.truststore?.name ?? "",
      position: r.position,
      subject: r.subject,
      usedBy: usedBy.get(storeId) ?? [],
    });
  }
  return out;
}

/** The profiles using each of these stores, in two queries whatever the number of stores. */
async function dependantsByStore(keystoreIds: string[], truststoreIds: string[]) {
  const where = { OR: [{ keystoreId: { in: keystoreIds } }, { truststoreId: { in: truststoreIds } }] };
  const select = { name: true, version: true, title: true, keystoreId: true, truststoreId: true } as const;
  const [clients, servers] = await Promise.all([
    db().tlsClientProfile.findMany({ where, select, orderBy: [{ name: "asc" }, { version: "asc" }] }),
    db().tlsServerProfile.findMany({ where, select, orderBy: [{ name: "asc" }, { version: "asc" }] }),
  ]);
  const wanted = new Set([...keystoreIds, ...truststoreIds]);
  const out = new Map<string, DependantDto[]>();
  const add = (type: DependantDto["type"], p: (typeof clients)[number]) => {
    const dto = { type, name: p.name, version: p.version, title: p.title };
    for (const id of [p.keystoreId, p.truststoreId])
      if (id && wanted.has(id)) out.set(id, [...(out.get(id) ?? []), dto]);
  };
  clients.forEach((p) => add("tls_client_profile", p));
  servers.forEach((p) => add("tls_server_profile", p));
  return out;
}

/** Thresholds already recorded, by "channel|fingerprint". */
async function recordedThresholds(orgId: string, fingerprints: string[]) {
  const rows = await db().notice.findMany({
    where: { orgId, fingerprint: { in: fingerprints } },
    select: { channel: true, fingerprint: true, thresholdDays: true },
  });
  const out = new Map<string, Set<number>>();
  for (const r of rows) {
    const key = `${r.channel}|${r.fingerprint}`;
    out.set(key, (out.get(key) ?? new Set()).add(r.thresholdDays));
  }
  return out;
}
