import "server-only";
import { AppError } from "@/lib/errors";
import { mayViewAllOrgs } from "@/lib/auth/all-orgs";
import {
  bucketRange,
  certificateRole,
  daysLeft,
  type DependedCertificate,
  earliestBreak,
  EXPIRY_BUCKETS,
  expiryBucket,
  type ExpiryBucket,
  inDateRange,
  timelineBounds,
  withinDaysEnd,
} from "@/lib/tls/expiry";
import type { ExpiringCertificateDto, ExpiryOverviewDto, ProfileBreakDto } from "@/lib/tls/expiry-dto";
import { type ExpiryQuery, ZExpiryQuery } from "@/lib/tls/expiry-query";
import type { DependantDto } from "@/lib/tls/store-dto";
import type { OrgContext } from "@/lib/server/access/require-org";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { db } from "@/lib/server/platform/db";
import { scheduledRotations } from "@/lib/server/stores/keystore-activation";

/** The profile table shows the soonest breaks; a longer list helps nobody and would grow with the installation. */
const PROFILE_LIMIT = 100;
const TIMELINE_MONTHS = 12;

type CertificateWhere = Prisma.CertificateWhereInput;

/**
 * The expiry overview of one organization, or of every organization (`scope=all`, see lib/auth/all-orgs.ts):
 * one page of certificates in not-after order, counts per bucket and per month, and when each profile breaks.
 * Every query walks the Certificate(orgId, notAfter) index or is bounded by the page or the profile count.
 */
export async function expiryOverview(ctx: OrgContext, raw: unknown, now = new Date()): Promise<ExpiryOverviewDto> {
  const query = ZExpiryQuery.parse(raw);
  const all = query.scope === "all";
  if (all && !mayViewAllOrgs(ctx))
    throw new AppError(
      "FORBIDDEN",
      "Only owners and administrators of the admin organization may see every organization's certificates.",
    );
  const scope: CertificateWhere = all ? {} : { orgId: ctx.org.id };
  const filtered: CertificateWhere = { AND: [scope, storeFilter(query), withinFilter(query, now)] };
  const listed: CertificateWhere = query.bucket
    ? { AND: [filtered, { notAfter: bucketRange(query.bucket, now) }] }
    : filtered;
  const bounds = timelineBounds(now, TIMELINE_MONTHS);
  const [rows, total, bucketCounts, monthCounts, profiles, scheduled] = await Promise.all([
    db().certificate.findMany({
      where: listed,
      orderBy: [{ notAfter: "asc" }, { id: "asc" }],
      skip: query.offset,
      take: query.limit,
      select: {
        position: true,
        subject: true,
        issuer: true,
        notAfter: true,
        sha256: true,
        selfSigned: true,
        keystoreId: true,
        truststoreId: true,
        keystore: { select: { name: true, title: true, org: { select: { name: true, title: true } } } },
        truststore: { select: { name: true, title: true, org: { select: { name: true, title: true } } } },
      },
    }),
    db().certificate.count({ where: listed }),
    Promise.all(
      EXPIRY_BUCKETS.map((b) =>
        db().certificate.count({ where: { AND: [filtered, { notAfter: bucketRange(b, now) }] } }),
      ),
    ),
    Promise.all(
      bounds.slice(1).map((end, i) => {
        // The first bar starts after now (expired certificates are in no bar); the others at their month's start.
        const notAfter = i === 0 ? { gt: bounds[0], lt: end } : { gte: bounds[i], lt: end };
        return db().certificate.count({ where: { AND: [filtered, { notAfter }] } });
      }),
    ),
    profileBreaks(all ? undefined : ctx.org.id, query, now),
    scheduledRotations(all ? undefined : ctx.org.id),
  ]);
  const usedBy = await dependantsByStore(rows);
  const results = rows.map((r): ExpiringCertificateDto => {
    const kind = r.keystoreId ? "keystore" : "truststore";
    const store = (r.keystore ?? r.truststore)!;
    return {
      ...(all ? { org: store.org } : {}),
      kind,
      store_name: store.name,
      store_title: store.title,
      position: r.position,
      role: certificateRole(kind, r.position, r.selfSigned),
      subject: r.subject,
      issuer: r.issuer,
      not_after: r.notAfter.toISOString(),
      days_left: daysLeft(r.notAfter, now),
      bucket: expiryBucket(r.notAfter, now),
      sha256_fingerprint: r.sha256,
      used_by: usedBy.get((r.keystoreId ?? r.truststoreId)!) ?? [],
    };
  });
  return {
    scope: query.scope,
    total_results: total,
    results,
    buckets: Object.fromEntries(EXPIRY_BUCKETS.map((b, i) => [b, bucketCounts[i]])) as Record<ExpiryBucket, number>,
    timeline: monthCounts.map((count, i) => ({ month: bounds[i].toISOString().slice(0, 7), count })),
    profiles: profiles.list,
    profiles_total: profiles.total,
    scheduled_rotations: scheduled,
  };
}

function storeFilter({ kind, store }: ExpiryQuery): CertificateWhere {
  const named = store === undefined ? undefined : { is: { name: store } };
  if (kind === "keystore") return named ? { keystore: named } : { keystoreId: { not: null } };
  if (kind === "truststore") return named ? { truststore: named } : { truststoreId: { not: null } };
  return named ? { OR: [{ keystore: named }, { truststore: named }] } : {};
}

function withinFilter({ within_days }: ExpiryQuery, now: Date): CertificateWhere {
  return within_days === undefined ? {} : { notAfter: { lt: withinDaysEnd(within_days, now) } };
}

/** The profiles using the stores on this page, by store id: one query per profile type, bounded by the page. */
async function dependantsByStore(rows: { keystoreId: string | null; truststoreId: string | null }[]) {
  const keystoreIds = [...new Set(rows.flatMap((r) => (r.keystoreId ? [r.keystoreId] : [])))];
  const truststoreIds = [...new Set(rows.flatMap((r) => (r.truststoreId ? [r.truststoreId] : [])))];
  const where = { OR: [{ keystoreId: { in: keystoreIds } }, { truststoreId: { in: truststoreIds } }] };
  const select = { name: true, version: true, title: true, keystoreId: true, truststoreId: true } as const;
  const orderBy = [{ name: "asc" as const }, { version: "asc" as const }];
  const [clients, servers] = await Promise.all([
    db().tlsClientProfile.findMany({ where, select, orderBy }),
    db().tlsServerProfile.findMany({ where, select, orderBy }),
  ]);
  const out = new Map<string, DependantDto[]>();
  const add = (storeId: string | null, d: DependantDto) => {
    if (storeId) out.set(storeId, [...(out.get(storeId) ?? []), d]);
  };
  for (const [type, list] of [
    ["tls_client_profile", clients],
    ["tls_server_profile", servers],
  ] as const) {
    for (const { keystoreId, truststoreId, ...p } of list) {
      add(keystoreId, { type, ...p });
      add(truststoreId, { type, ...p });
    }
  }
  return out;
}

/**
 * Every profile with a keystore or truststore, and when it breaks (lib/tls/expiry.ts earliestBreak): a keystore's
 * whole chain, and a truststore's earliest anchor, found through the truststore's stored earliest not-after so a
 * large truststore is not read whole. The bucket, store and within_days filters apply to the break date and store.
 */
async function profileBreaks(orgId: string | undefined, query: ExpiryQuery, now: Date) {
  const store: Prisma.TlsClientProfileWhereInput & Prisma.TlsServerProfileWhereInput =
    query.store === undefined
      ? {}
      : {
          OR: [
            ...(query.kind !== "truststore" ? [{ keystore: { is: { name: query.store } } }] : []),
            ...(query.kind !== "keystore" ? [{ truststore: { is: { name: query.store } } }] : []),
          ],
        };
  const scope = orgId ? { orgId } : {};
  // A server profile always has a keystore; a client profile may have neither store, and then nothing breaks it.
  const clientWhere: Prisma.TlsClientProfileWhereInput = {
    ...scope,
    AND: [{ OR: [{ keystoreId: { not: null } }, { truststoreId: { not: null } }] }, store],
  };
  const serverWhere: Prisma.TlsServerProfileWhereInput = { ...scope, AND: [store] };
  const select = {
    name: true,
    version: true,
    title: true,
    keystoreId: true,
    truststoreId: true,
    org: { select: { name: true, title: true } },
  } as const;
  const [clients, servers] = await Promise.all([
    db().tlsClientProfile.findMany({ where: clientWhere, select }),
    db().tlsServerProfile.findMany({ where: serverWhere, select }),
  ]);
  const profiles = [
    ...clients.map((p) => ({ type: "tls_client_profile" as const, ...p })),
    ...servers.map((p) => ({ type: "tls_server_profile" as const, ...p })),
  ];
  const certificates = await dependedCertificates(
    [...new Set(profiles.flatMap((p) => (p.keystoreId ? [p.keystoreId] : [])))],
    [...new Set(profiles.flatMap((p) => (p.truststoreId ? [p.truststoreId] : [])))],
  );
  const range = query.bucket ? bucketRange(query.bucket, now) : {};
  const within = query.within_days === undefined ? {} : { lt: withinDaysEnd(query.within_days, now) };
  const inRange = (d: Date) => inDateRange(d, range) && inDateRange(d, within);
  const broken = profiles.flatMap((p): (ProfileBreakDto & { at: number })[] => {
    const depended = [
      ...(p.keystoreId ? (certificates.get(p.keystoreId) ?? []) : []),
      ...(p.truststoreId ? (certificates.get(p.truststoreId) ?? []) : []),
    ];
    const found = earliestBreak(depended, now);
    if (!found || !inRange(found.breaksAt)) return [];
    return [
      {
        ...(orgId ? {} : { org: p.org }),
        type: p.type,
        name: p.name,
        version: p.version,
        title: p.title,
        breaks_at: found.breaksAt.toISOString(),
        days_left: daysLeft(found.breaksAt, now),
        bucket: expiryBucket(found.breaksAt, now),
        cause: found.cause,
        at: found.breaksAt.getTime(),
      },
    ];
  });
  broken.sort(
    (a, b) =>
      a.at - b.at ||
      (a.org?.name ?? "").localeCompare(b.org?.name ?? "") ||
      a.name.localeCompare(b.name) ||
      a.version.localeCompare(b.version) ||
      a.type.localeCompare(b.type),
  );
  return { list: broken.slice(0, PROFILE_LIMIT).map(({ at: _at, ...dto }) => dto), total: broken.length };
}

/** Store id → the certificates a profile depends on through it: a keystore's chain, a truststore's earliest anchors. */
async function dependedCertificates(keystoreIds: string[], truststoreIds: string[]) {
  const select = {
    keystoreId: true,
    truststoreId: true,
    position: true,
    selfSigned: true,
    subject: true,
    notAfter: true,
  } as const;
  const [chains, truststores] = await Promise.all([
    keystoreIds.length
      ? db().certificate.findMany({
          where: { keystoreId: { in: keystoreIds } },
          select: { ...select, keystore: { select: { name: true } } },
        })
      : [],
    truststoreIds.length
      ? db().truststore.findMany({
          where: { id: { in: truststoreIds }, notAfter: { not: null } },
          select: { id: true, name: true, notAfter: true },
        })
      : [],
  ]);
  const anchors = truststores.length
    ? await db().certificate.findMany({
        where: { OR: truststores.map((t) => ({ truststoreId: t.id, notAfter: t.notAfter! })) },
        select,
      })
    : [];
  const names = new Map(truststores.map((t) => [t.id, t.name]));
  const out = new Map<string, DependedCertificate[]>();
  const add = (storeId: string, c: DependedCertificate) => out.set(storeId, [...(out.get(storeId) ?? []), c]);
  for (const c of chains) add(c.keystoreId!, { kind: "keystore", storeName: c.keystore!.name, ...pick(c) });
  for (const c of anchors)
    add(c.truststoreId!, { kind: "truststore", storeName: names.get(c.truststoreId!)!, ...pick(c) });
  return out;
}

const pick = (c: { position: number; selfSigned: boolean; subject: string; notAfter: Date }) => ({
  position: c.position,
  selfSigned: c.selfSigned,
  subject: c.subject,
  notAfter: c.notAfter,
});
