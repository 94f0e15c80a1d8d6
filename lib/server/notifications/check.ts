import "server-only";
import { DAY_MS, daysLeft } from "@/lib/tls/expiry";
import { expiryEvent, noticePlan, RETRY_WINDOW_MS } from "@/lib/tls/notifications";
import type { DependantDto } from "@/lib/tls/store-dto";
import type { OrgContext } from "@/lib/server/access/require-org";
import { smtpConfigured } from "@/lib/server/mail/mailer";
import { settingsOfMany } from "@/lib/server/notifications/settings";
import type { Prisma } from "@/lib/generated/sqlite/client";
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
type Channel = { channel: string; kind: "email" | "webhook"; webhookId: string | null };

/** Organizations read and checked together: a page costs a handful of queries, whatever its size. */
const ORG_PAGE = 100;
/** Candidate certificates read per page of organizations, nearest to expiry first; the rest wait for the next run. */
const PAGE_CERTIFICATES = 20_000;
/** Rows per multi-row insert and fingerprints per IN list, well inside every driver's parameter limit. */
const CHUNK = 500;

/** The check for the organization a request names (POST /expiry/check). */
export function runExpiryCheck(ctx: OrgContext, now = new Date()): Promise<CheckResult> {
  return checkOrgs([ctx.org], now);
}

/** The scheduled check: every organization, a page at a time. */
export async function checkAllOrgs(now: Date): Promise<CheckResult> {
  const total: CheckResult = { queued: [], covered: 0 };
  for (let after: string | undefined; ;) {
    const orgs = await db().organization.findMany({
      select: { id: true, name: true },
      where: after ? { id: { gt: after } } : {},
      orderBy: { id: "asc" },
      take: ORG_PAGE,
    });
    if (orgs.length === 0) return total;
    const page = await checkOrgs(orgs, now);
    total.queued.push(...page.queued);
    total.covered += page.covered;
    after = orgs[orgs.length - 1].id;
  }
}

/**
 * Records a notice per channel for every certificate that crossed a threshold, before anything is sent. Thresholds
 * are evaluated against `now`, so a run missed during downtime is simply the next run; the unique key on
 * (org, channel, fingerprint, threshold) makes a second run, or a second instance running at the same time,
 * record nothing new.
 */
async function checkOrgs(orgs: Org[], now: Date): Promise<CheckResult> {
  const ids = orgs.map((o) => o.id);
  const [settings, webhooks] = await Promise.all([
    settingsOfMany(ids),
    db().webhook.findMany({ where: { orgId: { in: ids } }, select: { id: true, orgId: true } }),
  ]);
  const channels = new Map<string, Channel[]>();
  for (const org of orgs)
    channels.set(org.id, [
      ...(smtpConfigured() ? [{ channel: "email", kind: "email" as const, webhookId: null }] : []),
      ...webhooks
        .filter((w) => w.orgId === org.id)
        .map((w) => ({ channel: `webhook:${w.id}`, kind: "webhook" as const, webhookId: w.id })),
    ]);
  const result: CheckResult = { queued: [], covered: 0 };
  const watched = orgs.filter((o) => channels.get(o.id)!.length > 0);
  if (watched.length === 0) return result;

  const reach = (orgId: string) => Math.max(...settings.get(orgId)!.thresholds);
  const certificates = await candidates(watched, now, reach);
  const recorded = await recordedThresholds(certificates);
  const rows: Array<{ data: NoticeData; queued: QueuedNotice | null }> = [];
  for (const org of watched) {
    for (const cert of certificates.get(org.id)?.values() ?? []) {
      const notAfter = cert.notAfter;
      for (const ch of channels.get(org.id)!) {
        const plan = noticePlan(
          notAfter,
          now,
          settings.get(org.id)!.thresholds,
          recorded.get(`${org.id}|${ch.channel}|${cert.sha256}`) ?? new Set(),
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
          rows.push({ data: { ...base, thresholdDays: t, status: "covered", payload: payload(t) }, queued: null });
        rows.push({
          data: { ...base, thresholdDays: plan.notify, status: "pending", payload: payload(plan.notify) },
          queued: {
            channel: ch.kind,
            webhook_id: ch.webhookId,
            event,
            threshold_days: plan.notify,
            sha256_fingerprint: cert.sha256,
            store_name: cert.storeName,
            subject: cert.subject,
          },
        });
      }
    }
  }
  for (const { queued } of await insertNotices(rows)) {
    if (queued) result.queued.push(queued);
    else result.covered++;
  }
  return result;
}

type NoticeData = Prisma.NoticeCreateManyInput;

/**
 * Inserts the notices, a chunk per statement; returns those it inserted. A chunk that meets a notice another run or
 * instance wrote meanwhile (unique violation: the statement inserts nothing) is inserted row by row, skipping those.
 */
async function insertNotices<R extends { data: NoticeData }>(rows: R[]): Promise<R[]> {
  const inserted: R[] = [];
  for (const chunk of chunks(rows)) {
    try {
      await db().notice.createMany({ data: chunk.map((r) => r.data) });
      inserted.push(...chunk);
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      for (const row of chunk) if (await insertNotice(row.data)) inserted.push(row);
    }
  }
  return inserted;
}

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

const chunks = <T>(items: T[]) =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

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
 * Per organization, its certificates within its largest threshold (or expired), by fingerprint: one certificate
 * held by two stores is one certificate, notified once, described by the first store found. At most
 * MAX_CERTIFICATES per organization and PAGE_CERTIFICATES per page, nearest to expiry first.
 */
async function candidates(
  orgs: Org[],
  now: Date,
  reach: (orgId: string) => number,
): Promise<Map<string, Map<string, Candidate>>> {
  const furthest = Math.max(...orgs.map((o) => reach(o.id)));
  const rows = await db().certificate.findMany({
    where: { orgId: { in: orgs.map((o) => o.id) }, notAfter: { lte: new Date(now.getTime() + furthest * DAY_MS) } },
    select: {
      orgId: true,
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
    take: PAGE_CERTIFICATES,
  });
  const usedBy = await dependantsByStore(
    rows.flatMap((r) => (r.keystoreId ? [r.keystoreId] : [])),
    rows.flatMap((r) => (r.truststoreId ? [r.truststoreId] : [])),
  );
  const out = new Map<string, Map<string, Candidate>>();
  for (const r of rows) {
    if (r.notAfter.getTime() > now.getTime() + reach(r.orgId) * DAY_MS) continue;
    const mine = out.get(r.orgId) ?? new Map<string, Candidate>();
    out.set(r.orgId, mine);
    if (mine.has(r.sha256) || mine.size >= MAX_CERTIFICATES) continue;
    const storeId = r.keystoreId ?? r.truststoreId ?? "";
    mine.set(r.sha256, {
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

/** Thresholds already recorded, by "org|channel|fingerprint", for the candidates of every organization. */
async function recordedThresholds(certificates: Map<string, Map<string, Candidate>>) {
  const out = new Map<string, Set<number>>();
  for (const [orgId, mine] of certificates) {
    for (const fingerprints of chunks([...mine.keys()])) {
      const rows = await db().notice.findMany({
        where: { orgId, fingerprint: { in: fingerprints } },
        select: { channel: true, fingerprint: true, thresholdDays: true },
      });
      for (const r of rows) {
        const key = `${orgId}|${r.channel}|${r.fingerprint}`;
        out.set(key, (out.get(key) ?? new Set()).add(r.thresholdDays));
      }
    }
  }
  return out;
}
