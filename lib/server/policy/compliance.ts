import "server-only";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { KeystoreUsage } from "@/lib/tls/lint/key-usage";
import { lintClientProfile, lintServerProfile } from "@/lib/tls/lint/profile";
import {
  type ComplianceObjectType,
  type ComplianceReport,
  type NonCompliantObject,
  ZComplianceQuery,
} from "@/lib/tls/policy/compliance";
import { evaluateKey, evaluateLeaf } from "@/lib/tls/policy/keystore";
import { evaluateClientSwitches, evaluateProfileKeystore, evaluateSuites } from "@/lib/tls/policy/profile";
import type { Violation } from "@/lib/tls/policy/violation";
import { type TlsPolicy, ZTlsPolicy } from "@/lib/tls/tls-policy";
import type { OrgContext } from "@/lib/server/access/require-org";
import { publicUrl } from "@/lib/server/platform/config";
import { db } from "@/lib/server/platform/db";
import { extendedKeyUsageOf, knownExtendedKeyUsage } from "@/lib/server/lint/leaf-usage";
import { clientFactsOf, serverFactsOf } from "@/lib/server/lint/profile-findings";
import { findingsOfStores } from "@/lib/server/lint/store-findings";
import { policyOf } from "@/lib/server/policy/policy";
import { storedSuites } from "@/lib/server/profiles/shared";

/**
 * The compliance view (ADR 027): every profile and keystore of the organization checked against a policy — the one
 * in force, or a proposed one before it is saved — with the same evaluation the saves use.
 *
 * It runs on the request thread, and any viewer may ask for a preview, so it is kept cheap and interruptible:
 * objects are read a batch at a time in id order with only the columns the rules read; each keystore's leaf is
 * parsed once per report (profiles carry only their keystore's id); profiles with the same lists, switches and
 * keystore share one evaluation; only the objects on the requested page get their lint findings (the others are
 * only counted); and the work yields to the event loop every few milliseconds, so other requests are not held up.
 */
const BATCH = 250;
/** The longest stretch of evaluation before the report lets other requests run. */
const SLICE_MS = 10;
/** Distinct evaluations of a part kept per report. */
const MEMO_LIMIT = 5_000;

/**
 * The report's pacing. `pause` (awaited per object) yields to the event loop once the current stretch has lasted
 * SLICE_MS; `read` runs a database read in a turn of its own, since on SQLite a read is synchronous (better-sqlite3)
 * and an await alone would not let anything else run.
 */
function pacing() {
  let since = performance.now();
  const turn = async () => {
    await nextTurn();
    since = performance.now();
  };
  return {
    pause: async () => {
      if (performance.now() - since >= SLICE_MS) await turn();
    },
    read: async <T>(query: () => Promise<T>): Promise<T> => {
      await turn();
      const rows = await query();
      await turn();
      return rows;
    },
  };
}
type Pacing = ReturnType<typeof pacing>;

async function* batches<T extends { id: string }>(pace: Pacing, read: (after: string | undefined) => Promise<T[]>) {
  let after: string | undefined;
  for (;;) {
    const rows = await pace.read(() => read(after));
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1].id;
  }
}

const page = (orgId: string, after: string | undefined) => ({
  where: { orgId, ...(after ? { id: { gt: after } } : {}) },
  orderBy: { id: "asc" as const },
  take: BATCH,
});

const LISTED = { id: true, name: true, title: true, isDefault: true } as const;
const PROFILE_COLUMNS = { ...LISTED, version: true, protocols: true, ciphers: true, keystoreId: true } as const;
const CLIENT_COLUMNS = { ...PROFILE_COLUMNS, insecureServerConnections: true, serverNameIndication: true } as const;
const SERVER_COLUMNS = { ...PROFILE_COLUMNS, mutualAuthentication: true } as const;

/** The counts over every non-compliant object, and the requested page of them in full. */
class Tally {
  total = 0;
  exempt = 0;
  blocked: Record<ComplianceObjectType, number> = { tls_client_profile: 0, tls_server_profile: 0, keystore: 0 };
  results: NonCompliantObject[] = [];
  constructor(
    private readonly from: number,
    private readonly to: number,
  ) {}

  /** Counts a non-compliant object; true when it falls on the requested page (its details are then wanted). */
  count(type: ComplianceObjectType, isDefault: boolean): boolean {
    if (isDefault) this.exempt += 1;
    else this.blocked[type] += 1;
    const index = this.total++;
    return index >= this.from && index < this.to;
  }
}

interface ProfileKind<Row> {
  type: "tls_client_profile" | "tls_server_profile";
  role: "client" | "server";
  segment: string;
  read: (orgId: string, after: string | undefined) => Promise<Row[]>;
  /** The switches part of the evaluation (lib/tls/policy/profile.ts), and a key naming the switches it reads. */
  switches: ((policy: TlsPolicy, row: Row) => Violation[]) | null;
  switchesKey: (row: Row) => string;
  findings: (row: Row, keystore: KeystoreUsage | null) => NonCompliantObject["findings"];
}

type ClientRow = Awaited<ReturnType<typeof readClients>>[number];
type ServerRow = Awaited<ReturnType<typeof readServers>>[number];
const readClients = (orgId: string, after: string | undefined) =>
  db().tlsClientProfile.findMany({ ...page(orgId, after), select: CLIENT_COLUMNS });
const readServers = (orgId: string, after: string | undefined) =>
  db().tlsServerProfile.findMany({ ...page(orgId, after), select: SERVER_COLUMNS });

const CLIENT: ProfileKind<ClientRow> = {
  type: "tls_client_profile",
  role: "client",
  segment: "tls-client-profiles",
  read: readClients,
  switches: (policy, r) => evaluateClientSwitches(policy, clientFactsOf(r, null)),
  switchesKey: (r) => `${r.insecureServerConnections}|${r.serverNameIndication}`,
  findings: (r, keystore) => lintClientProfile(clientFactsOf(r, keystore)),
};

const SERVER: ProfileKind<ServerRow> = {
  type: "tls_server_profile",
  role: "server",
  segment: "tls-server-profiles",
  read: readServers,
  switches: null,
  switchesKey: () => "",
  findings: (r, keystore) => lintServerProfile(serverFactsOf(r, keystore)),
};

/**
 * A memo of one part of the evaluation, by two keys (a long column is a key as it is read, never concatenated
 * into a longer string), dropped whole when it reaches MEMO_LIMIT entries: memory stays bounded.
 */
function memo<V>() {
  const known = new Map<string, Map<string, V>>();
  let size = 0;
  return (outer: string, inner: string, compute: () => V): V => {
    let byInner = known.get(outer);
    const hit = byInner?.get(inner);
    if (hit !== undefined) return hit;
    if (size >= MEMO_LIMIT) {
      known.clear();
      size = 0;
      byInner = undefined;
    }
    if (!byInner) known.set(outer, (byInner = new Map()));
    const value = compute();
    byInner.set(inner, value);
    size += 1;
    return value;
  };
}

interface ViolatingKeystore {
  id: string;
  name: string;
  title: string;
  isDefault: boolean;
  violations: Violation[];
}

interface Leaf {
  notBefore: Date;
  notAfter: Date;
  extendedKeyUsage: string[] | null;
}

/**
 * The leaves of a batch of keystores by keystore id, with their usage. A leaf this process has parsed before is
 * read without its PEM; the others are read again with it (dates too, so each leaf's facts come from one row).
 */
async function leavesOf(ids: string[], pace: Pacing): Promise<Map<string, Leaf>> {
  const leaves = new Map<string, Leaf>();
  const unread: string[] = [];
  const known = await pace.read(() =>
    db().certificate.findMany({
      where: { keystoreId: { in: ids }, position: 0 },
      select: { keystoreId: true, sha256: true, notBefore: true, notAfter: true },
    }),
  );
  for (const { keystoreId, sha256, notBefore, notAfter } of known) {
    const extendedKeyUsage = knownExtendedKeyUsage(sha256);
    if (extendedKeyUsage === undefined) unread.push(keystoreId!);
    else leaves.set(keystoreId!, { notBefore, notAfter, extendedKeyUsage });
  }
  if (unread.length === 0) return leaves;
  const read = await pace.read(() =>
    db().certificate.findMany({
      where: { keystoreId: { in: unread }, position: 0 },
      select: { keystoreId: true, sha256: true, pem: true, notBefore: true, notAfter: true },
    }),
  );
  for (const c of read) {
    await pace.pause();
    leaves.set(c.keystoreId!, {
      notBefore: c.notBefore,
      notAfter: c.notAfter,
      extendedKeyUsage: extendedKeyUsageOf(c),
    });
  }
  return leaves;
}

/** Which of a batch of keystores client and server profiles use: the purposes their certificate must allow. */
async function rolesOf(ids: string[], pace: Pacing) {
  const where = { keystoreId: { in: ids } };
  const [clients, servers] = [
    await pace.read(() => db().tlsClientProfile.groupBy({ by: ["keystoreId"], where })),
    await pace.read(() => db().tlsServerProfile.groupBy({ by: ["keystoreId"], where })),
  ];
  const usedBy = (rows: { keystoreId: string | null }[]) => new Set(rows.map((r) => r.keystoreId));
  return { client: usedBy(clients), server: usedBy(servers) };
}

/**
 * Every keystore judged, and each one's leaf usage by id for the profiles (a keystore without a certificate yet has
 * none, as when a profile is read with its keystore). Violating keystores are kept (few fields) until the profiles,
 * listed before them, have been counted.
 */
async function keystores(orgId: string, policy: TlsPolicy, pace: Pacing) {
  const usage = new Map<string, KeystoreUsage>();
  const violating: ViolatingKeystore[] = [];
  for await (const rows of batches(pace, (after) =>
    db().keystore.findMany({ ...page(orgId, after), select: { ...LISTED, keyType: true } }),
  )) {
    const ids = rows.map((r) => r.id);
    const leaves = await leavesOf(ids, pace);
    const used = await rolesOf(ids, pace);
    for (const r of rows) {
      await pace.pause();
      const leaf = leaves.get(r.id);
      if (leaf) usage.set(r.id, { name: r.name, extendedKeyUsage: leaf.extendedKeyUsage });
      const roles = [
        ...(used.client.has(r.id) ? ["client" as const] : []),
        ...(used.server.has(r.id) ? ["server" as const] : []),
      ];
      const violations = [
        ...evaluateKey(policy, r.keyType, "key_type"),
        ...(leaf
          ? evaluateLeaf(
              policy,
              {
                keystore: r.name,
                notBefore: leaf.notBefore.toISOString(),
                notAfter: leaf.notAfter.toISOString(),
                extendedKeyUsage: leaf.extendedKeyUsage,
              },
              roles,
              "certificates",
            )
          : []),
      ];
      if (violations.length)
        violating.push({ id: r.id, name: r.name, title: r.title, isDefault: r.isDefault, violations });
    }
  }
  return { usage, violating };
}

interface ProfileRow {
  id: string;
  name: string;
  version: string;
  title: string;
  isDefault: boolean;
  keystoreId: string | null;
}

/**
 * A kind of profile counted and its page listed. A profile's violations are the three parts of its evaluation (its
 * lists, its keystore, its switches: lib/tls/policy/profile.ts), each shared among the profiles with the same facts:
 * many profiles have the same lists, and a keystore is judged once for all its profiles.
 */
async function profiles<Row extends ProfileRow & { protocols: string; ciphers: string }>(
  kind: ProfileKind<Row>,
  orgId: string,
  orgUrl: string,
  policy: TlsPolicy,
  usage: Map<string, KeystoreUsage>,
  tally: Tally,
  pace: Pacing,
) {
  const suites = memo<Violation[]>();
  const keystores = memo<Violation[]>();
  const switches = memo<Violation[]>();
  for await (const rows of batches(pace, (after) => kind.read(orgId, after)))
    for (const r of rows) {
      await pace.pause();
      const keystore = (r.keystoreId && usage.get(r.keystoreId)) || null;
      const lists = suites(r.ciphers, r.protocols, () => evaluateSuites(policy, storedSuites(r)));
      const store = keystores(r.keystoreId ?? "", "", () => evaluateProfileKeystore(policy, kind.role, keystore));
      const flags = kind.switches ? switches(kind.switchesKey(r), "", () => kind.switches!(policy, r)) : [];
      if (lists.length + store.length + flags.length === 0) continue;
      const violations = [...lists, ...store, ...flags];
      if (tally.count(kind.type, r.isDefault))
        tally.results.push({
          type: kind.type,
          name: r.name,
          version: r.version,
          title: r.title,
          is_default: r.isDefault,
          url: `${orgUrl}/${kind.segment}/${r.name}/${encodeURIComponent(r.version)}`,
          violations,
          findings: kind.findings(r, keystore),
        });
    }
}

async function report(ctx: OrgContext, policy: TlsPolicy, rawQuery: unknown): Promise<ComplianceReport> {
  const query = ZComplianceQuery.parse(rawQuery);
  const orgUrl = `${publicUrl()}/api/orgs/${ctx.org.name}`;
  const tally = new Tally(query.offset, query.offset + query.limit);
  const pace = pacing();
  // Keystores first: the profiles read their usage; they are listed last, as before.
  const { usage, violating } = await keystores(ctx.org.id, policy, pace);
  await profiles(CLIENT, ctx.org.id, orgUrl, policy, usage, tally, pace);
  await profiles(SERVER, ctx.org.id, orgUrl, policy, usage, tally, pace);
  const listed = violating.filter((k) => tally.count("keystore", k.isDefault));
  const findings = await pace.read(() =>
    findingsOfStores(
      db(),
      "keystore",
      listed.map((k) => k.id),
    ),
  );
  for (const k of listed)
    tally.results.push({
      type: "keystore",
      name: k.name,
      version: null,
      title: k.title,
      is_default: k.isDefault,
      url: `${orgUrl}/keystores/${k.name}`,
      violations: k.violations,
      findings: findings.get(k.id)!,
    });
  return {
    policy,
    total_results: tally.total,
    blocked: tally.blocked,
    exempt: tally.exempt,
    results: tally.results,
  };
}

/** What breaks the policy in force. */
export async function policyViolations(ctx: OrgContext, query: unknown) {
  return report(ctx, await policyOf(db(), ctx.org.id), query);
}

/** What would break a proposed policy, before it is saved: nothing is written. */
export async function previewPolicy(ctx: OrgContext, rawPolicy: unknown, query: unknown) {
  return report(ctx, ZTlsPolicy.parse(rawPolicy), query);
}
