/**
 * `npm run bench`: measures a production build on SQLite (run `npm run build` first). Prints a table and writes
 * JSON to bench/results/. A report, not a test: targets are shown next to the numbers.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createServer as createNetServer } from "node:net";
import { createServer as createTlsServer } from "node:tls";
import { gzipSync } from "node:zlib";

// Several checkouts may bench on one machine: each can pick its own port.
const PORT = Number(process.env.BENCH_PORT ?? 3200);
const BASE = `http://127.0.0.1:${PORT}`;
const DB_FILE = join(import.meta.dirname, "..", "data", "bench.db");
process.env.DATABASE_URL = `file:${DB_FILE}`;
process.env.ADMIN_EMAIL = "bench@example.com";
process.env.ADMIN_PASSWORD = "bench-password-123";
process.env.PUBLIC_URL = BASE;

const { migrate } = await import("@/lib/db-tools/migrate");
const { bootstrap } = await import("@/lib/server/install/bootstrap");
const { db } = await import("@/lib/server/platform/db");
const { createApiKey } = await import("@/lib/server/access/api-keys");
const { createSession } = await import("@/lib/server/access/sessions");
const { toColumns } = await import("@/lib/server/profiles/client-profiles");
const { CLIENT_PROFILE_DEFAULTS } = await import("@/lib/tls/client-profile-schema");
const { SESSION_COOKIE } = await import("@/lib/server/platform/config");
const { createKeystore } = await import("@/lib/server/stores/keystores");
const { systemContext } = await import("@/lib/server/access/require-org");
const { issue } = await import("@/lib/crypto/pki");
const { importTimings } = await import("./import-timings");
const { expiryCheckBench } = await import("./expiry-check");
const { compliancePreviewBench } = await import("./compliance");
const { probeTimings } = await import("./probe-timings");
const { keyGenerationTimings } = await import("./key-generation");
const { pfx } = await import("../tests/helpers/hostile-uploads");

for (const suffix of ["", "-wal", "-shm"]) rmSync(DB_FILE + suffix, { force: true });
await migrate(process.env.DATABASE_URL);
await bootstrap();

async function seedProfiles(orgName: string, count: number) {
  const org = await db().organization.findUniqueOrThrow({ where: { name: orgName } });
  for (let start = 0; start < count; start += 500) {
    const data = Array.from({ length: Math.min(500, count - start) }, (_, k) => {
      const i = start + k;
      const input = {
        ...CLIENT_PROFILE_DEFAULTS,
        title: `Profile ${String(i).padStart(5, "0")}`,
        name: `profile-${i}`,
      };
      return { orgId: org.id, name: input.name, version: input.version, updatedBy: "bench", ...toColumns(input) };
    });
    await db().tlsClientProfile.createMany({ data });
  }
}
await seedProfiles("sample-org", 10);
await seedProfiles("admin", 10_000);

/** Keystores through the data layer (verify, seal, audit), as an upload would create them. */
async function seedKeystores(orgName: string, count: number) {
  const org = await db().organization.findUniqueOrThrow({ where: { name: orgName } });
  const ctx = systemContext(org, "bench");
  const ca = issue(new Date(), { commonName: "Bench CA", usage: "ca" });
  for (let i = 0; i < count; i++) {
    const pair = issue(new Date(), { commonName: `host-${i}.bench`, usage: "server", toDays: 30 + (i % 700) }, ca);
    const files = [{ name: "k.pem", bytes: Buffer.from(pair.keyPem + pair.certPem + ca.certPem) }];
    await createKeystore(
      ctx,
      { title: `Keystore ${String(i).padStart(4, "0")}`, name: `keystore-${i}` },
      { files, password: "", allowExpired: false, fileField: () => "file" },
    );
  }
}
await seedKeystores("sample-org", 10);
await seedKeystores("admin", 1_000);
const imports = importTimings(30);
const probes = await probeTimings(30);
const keyGeneration = await keyGenerationTimings(8);

/**
 * An organization holding `count` certificates in truststores of 100 (10 when smaller), written with createMany
 * (not uploads), not-after spread from 30 days ago to 700 days ahead, and 10 client profiles using the truststores.
 */
async function seedExpiry(orgName: string, count: number) {
  const { createOrganization } = await import("@/lib/server/access/orgs");
  const org = await createOrganization({ name: orgName, title: orgName, type: "provider" });
  const owner = await db().user.findUniqueOrThrow({ where: { email: "bench@example.com" } });
  const role = await db().role.findUniqueOrThrow({ where: { orgId_name: { orgId: org.id, name: "owner" } } });
  await db().membership.create({ data: { userId: owner.id, orgId: org.id, roleId: role.id } });
  const perStore = count >= 1000 ? 100 : 10;
  const stores = Array.from({ length: count / perStore }, (_, s) => ({
    orgId: org.id,
    name: `trust-${s}`,
    title: `Trust ${s}`,
    titleKey: `trust ${s}`,
    searchText: `trust ${s}`,
    updatedBy: "bench",
  }));
  await db().truststore.createMany({ data: stores });
  const ids = await db().truststore.findMany({ where: { orgId: org.id }, select: { id: true, name: true } });
  const day = 86_400_000;
  for (const { id, name } of ids) {
    const s = Number(name.slice("trust-".length));
    const certificates = Array.from({ length: perStore }, (_, p) => {
      const i = s * perStore + p;
      const hex = i.toString(16).padStart(64, "0").toUpperCase();
      return {
        orgId: org.id,
        truststoreId: id,
        position: p,
        sha256: hex.match(/../g)!.join(":"),
        subject: `CN=Bench Anchor ${i}`,
        issuer: `CN=Bench Anchor ${i}`,
        serialNumber: hex.slice(0, 16),
        subjectAltNames: "",
        keyType: "EC",
        keyBits: 256,
        signatureAlgorithm: "ecdsa-with-SHA256",
        notBefore: new Date(Date.now() - 400 * day),
        notAfter: new Date(Date.now() + (((i * 7919) % 730) - 30) * day),
        isCA: true,
        selfSigned: true,
        pem: "",
      };
    });
    await db().certificate.createMany({ data: certificates });
    const first = certificates.reduce((a, b) => (a.notAfter < b.notAfter ? a : b));
    await db().truststore.update({ where: { id }, data: { notAfter: first.notAfter } });
  }
  await db().tlsClientProfile.createMany({
    data: Array.from({ length: 10 }, (_, i) => {
      const input = { ...CLIENT_PROFILE_DEFAULTS, title: `Uses trust ${i}`, name: `uses-trust-${i}` };
      const truststoreId = ids[i % ids.length].id;
      return {
        orgId: org.id,
        name: input.name,
        version: input.version,
        updatedBy: "bench",
        ...toColumns(input),
        truststoreId,
      };
    }),
  });
}
await seedExpiry("expiry-100", 100);
await seedExpiry("expiry-10k", 10_000);
const expiryCheck = await expiryCheckBench();
const compliancePreview = await compliancePreviewBench();

const owner = await db().user.findUniqueOrThrow({ where: { email: "bench@example.com" } });
const actor = { userId: owner.id, email: owner.email, name: owner.name, via: "session" as const };
const { key } = await createApiKey(actor, { name: "bench" }, "bench");
const { token } = await createSession(owner.id, {});
await db().$disconnect();

// Started by node itself (not npx), so the loop monitor runs in the server's process and SIGUSR2 reaches it.
const LOOP_FILE = join(import.meta.dirname, "..", "data", "bench-loop.json");
const nextBin = join(import.meta.dirname, "..", "node_modules", "next", "dist", "bin", "next");
const monitor = join(import.meta.dirname, "loop-monitor.mjs");
const server: ChildProcess = spawn(
  process.execPath,
  ["--import", monitor, nextBin, "start", "-p", String(PORT), "-H", "127.0.0.1"],
  {
    // No scheduled expiry check in the measured server: its work is measured on its own (expiry-check.ts).
    // Connection tests reach the bench's own TLS server on loopback; ten run at once in one organization.
    env: {
      ...process.env,
      LOG_LEVEL: "warn",
      BENCH_LOOP_FILE: LOOP_FILE,
      EXPIRY_CHECK_CRON: "off",
      OUTBOUND_ALLOW: "127.0.0.0/8",
      PROBE_CONCURRENCY: "10",
    },
    stdio: "ignore",
    detached: true,
  },
);
const stop = () => {
  try {
    process.kill(-server.pid!, "SIGTERM");
  } catch {
    /* already gone */
  }
};
process.on("exit", stop);

for (let i = 0; i < 120; i++) {
  const up = await fetch(`${BASE}/login`)
    .then((r) => r.ok)
    .catch(() => false);
  if (up) break;
  await new Promise((r) => setTimeout(r, 500));
}

const auth = { authorization: `Bearer ${key}` };
const cookie = { cookie: `${SESSION_COOKIE}=${token}` };

async function timings(url: string, headers: Record<string, string>, n: number) {
  for (let i = 0; i < 5; i++) await (await fetch(url, { headers })).arrayBuffer(); // warm up
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))];
  return { p50: round(at(0.5)), p95: round(at(0.95)) };
}
const round = (x: number) => Math.round(x * 100) / 100;

async function firstLoadBytes(path: string, headers: Record<string, string>) {
  const html = await (await fetch(`${BASE}${path}`, { headers })).text();
  const assets = new Set<string>();
  for (const m of html.matchAll(/(?:src|href)="(\/_next\/static\/[^"]+\.(?:js|css))"/g)) assets.add(m[1]);
  let js = 0;
  let css = 0;
  for (const asset of assets) {
    const size = gzipSync(Buffer.from(await (await fetch(`${BASE}${asset}`)).arrayBuffer())).length;
    if (asset.endsWith(".css")) css += size;
    else js += size;
  }
  return { jsKB: round(js / 1024), cssKB: round(css / 1024), totalKB: round((js + css) / 1024) };
}

async function createThroughput(clients: number, perClient: number) {
  let errors = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; i < perClient; i++) {
        const res = await fetch(`${BASE}/api/orgs/sample-org/tls-client-profiles`, {
          method: "POST",
          headers: { ...auth, "content-type": "application/json" },
          body: JSON.stringify({ ...CLIENT_PROFILE_DEFAULTS, title: `Load ${c}-${i}`, name: `load-${c}-${i}` }),
        });
        await res.arrayBuffer();
        if (res.status !== 201) errors++;
      }
    }),
  );
  const seconds = (performance.now() - t) / 1000;
  return { requests: clients * perClient, reqPerSec: round((clients * perClient) / seconds), errors };
}

/** The server's event-loop delay since the previous call (bench/loop-monitor.mjs). */
async function loopDelay(): Promise<{ maxMs: number; p99Ms: number }> {
  const asked = Date.now();
  server.kill("SIGUSR2");
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 50));
    try {
      const read = JSON.parse(readFileSync(LOOP_FILE, "utf8")) as { at: number; maxMs: number; p99Ms: number };
      if (read.at >= asked) return { maxMs: read.maxMs, p99Ms: read.p99Ms };
    } catch {
      /* not written yet */
    }
  }
  throw new Error("the server's loop monitor did not answer");
}

async function listSample(n: number) {
  const url = `${BASE}/api/orgs/sample-org/keystores`;
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await fetch(url, { headers: auth });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => round(ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]);
  return { p50: at(0.5), p99: at(0.99) };
}

/**
 * The list p99 and the server's event-loop delay, idle and while 4 clients keep uploading the heaviest PKCS#12
 * the work budget accepts (two key bags of 500,000 PBKDF2 rounds each).
 */
async function underUploads(n: number) {
  const heavyPair = issue(new Date(), { commonName: "heavy.bench", usage: "server" });
  const heavy = pfx({
    key: heavyPair.privateKey,
    certPem: heavyPair.certPem,
    password: "pw",
    keyBags: 2,
    iterations: 500_000,
  }).toString("base64");
  const upload = (title: string) =>
    fetch(`${BASE}/api/orgs/admin/keystores`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ title, pkcs12: heavy, password: "pw" }),
    });
  await listSample(10); // warm up
  // The first upload after start pays one-time costs (Prisma compiles the create's query plan, the pool starts its
  // thread); it is reported on its own so the steady state below is what hostile uploads cost.
  await loopDelay();
  const first = await upload("Heavy first");
  await first.arrayBuffer();
  const firstLoop = await loopDelay();
  const idleList = await listSample(n);
  const idleLoop = await loopDelay();
  let uploading = true;
  const statuses: Record<number, number> = {};
  const uploads = Array.from({ length: 4 }, async (_, c) => {
    for (let i = 0; uploading; i++) {
      const res = await upload(`Heavy ${c}-${i}`);
      await res.arrayBuffer();
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    }
  });
  await new Promise((r) => setTimeout(r, 500)); // let the uploads reach the workers
  const loadedList = await listSample(n);
  const loadedLoop = await loopDelay();
  uploading = false;
  await Promise.all(uploads);
  return {
    idle: { listP50: idleList.p50, listP99: idleList.p99, loopMaxMs: idleLoop.maxMs, loopP99Ms: idleLoop.p99Ms },
    "4 uploads": {
      listP50: loadedList.p50,
      listP99: loadedList.p99,
      loopMaxMs: loadedLoop.maxMs,
      loopP99Ms: loadedLoop.p99Ms,
    },
    firstUploadAfterStart: { status: first.status, loopMaxMs: firstLoop.maxMs },
    uploadStatuses: statuses,
    p99Ratio: round(loadedList.p99 / idleList.p99),
    target: "loop max < 50 ms; list p99 ≤ 2× idle",
  };
}

/**
 * The list p99 and the server's event-loop delay, idle and while 10 clients keep running "Test connection" one after
 * another, each against a TLS server the bench's own process serves on loopback (its handshakes cost the measured
 * server nothing). `awayMs` holds each connection that long before the handshake: 0 is a server answering at once,
 * so the 10 clients run as many tests as the machine can (a stress); 300 is a server two round trips of 150 ms away,
 * as a real one across the world, so 10 tests are in flight the whole time, as when 10 people test at once.
 */
async function underProbes(n: number, awayMs: number) {
  const ca = issue(new Date(), { commonName: "Probe load CA", usage: "ca" });
  const leaf = issue(new Date(), { commonName: "load.bench", usage: "server", dnsNames: ["load.bench"] }, ca);
  const tls = createTlsServer({ key: leaf.keyPem, cert: leaf.certPem + ca.certPem }, (s) => s.end());
  const target = createNetServer((socket) => {
    socket.pause();
    setTimeout(() => tls.emit("connection", socket), awayMs);
  });
  await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
  const port = (target.address() as { port: number }).port;
  const url = `${BASE}/api/orgs/sample-org/tls-client-profiles/profile-0/${CLIENT_PROFILE_DEFAULTS.version}/test`;
  const test = () =>
    fetch(url, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ host: "127.0.0.1", port, server_name: "load.bench" }),
    });
  await (await test()).arrayBuffer(); // the first test pays one-time costs
  await listSample(10);
  await loopDelay();
  const idleList = await listSample(n);
  const idleLoop = await loopDelay();
  let running = true;
  const statuses: Record<number, number> = {};
  let tests = 0;
  const clients = Array.from({ length: 10 }, async () => {
    while (running) {
      const res = await test();
      await res.arrayBuffer();
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      tests++;
    }
  });
  await new Promise((r) => setTimeout(r, 300 + awayMs));
  const t = performance.now();
  const loadedList = await listSample(n);
  const seconds = (performance.now() - t) / 1000;
  const loadedLoop = await loopDelay();
  running = false;
  await Promise.all(clients);
  target.close();
  return {
    serverAwayMs: awayMs,
    idle: { listP50: idleList.p50, listP99: idleList.p99, loopMaxMs: idleLoop.maxMs, loopP99Ms: idleLoop.p99Ms },
    "10 tests": {
      listP50: loadedList.p50,
      listP99: loadedList.p99,
      loopMaxMs: loadedLoop.maxMs,
      loopP99Ms: loadedLoop.p99Ms,
    },
    testsPerSecond: round(tests / seconds),
    testStatuses: statuses,
    p99Ratio: round(loadedList.p99 / idleList.p99),
    // ADR 028: the target is judged with the server away; the instant server's stress is reported beside it.
    target: awayMs > 0 ? "list p99 ≤ 2× idle" : "none: the stress beside the target (ADR 028)",
  };
}

/**
 * The list p99 and the server's event-loop delay, idle and while 2 clients keep creating keystores with a generated
 * RSA 4096 key (the slowest type; ADR 024) in another organization.
 */
async function underGeneration(n: number) {
  const create = (i: number) =>
    fetch(`${BASE}/api/orgs/admin/keystores`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({
        title: `Generated ${i}`,
        generate: { key_type: "rsa-4096", subject: { common_name: "gen.bench" }, usage: "server" },
      }),
    });
  await (await create(0)).arrayBuffer(); // the first pays one-time costs
  await listSample(10);
  await loopDelay();
  const idleList = await listSample(n);
  const idleLoop = await loopDelay();
  let generating = true;
  let created = 0;
  const statuses: Record<number, number> = {};
  const clients = Array.from({ length: 2 }, async (_, c) => {
    for (let i = 1; generating; i++) {
      const res = await create(c * 10_000 + i);
      await res.arrayBuffer();
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      created++;
    }
  });
  await new Promise((r) => setTimeout(r, 300));
  const loadedList = await listSample(n);
  const loadedLoop = await loopDelay();
  generating = false;
  await Promise.all(clients);
  return {
    idle: { listP50: idleList.p50, listP99: idleList.p99, loopMaxMs: idleLoop.maxMs, loopP99Ms: idleLoop.p99Ms },
    "2 generating": {
      listP50: loadedList.p50,
      listP99: loadedList.p99,
      loopMaxMs: loadedLoop.maxMs,
      loopP99Ms: loadedLoop.p99Ms,
    },
    created,
    statuses,
    p99Ratio: round(loadedList.p99 / idleList.p99),
    target: "list p99 ≤ 2× idle",
  };
}

const N = 60;
const hostile = await underUploads(200);
const probing = await underProbes(200, 300);
const probingFlat = await underProbes(200, 0);
// 600 samples (about 8 s, some 10 keys): with 200 the p99 is the second-worst request of 2.4 s in which 3 keys finish,
// and one garbage collection left by the sections before decides it.
const generating = await underGeneration(600);
const list10 = await timings(`${BASE}/api/orgs/sample-org/tls-client-profiles`, auth, N);
const list10k = await timings(`${BASE}/api/orgs/admin/tls-client-profiles`, auth, N);
// Pages are compared at the same row count (10), so the ratio shows what the table's size costs; the default
// page (25 rows when there are that many) is reported beside it.
const page10 = await timings(`${BASE}/orgs/sample-org/resources/tls?limit=10`, cookie, N);
const page10k = await timings(`${BASE}/orgs/admin/resources/tls?limit=10`, cookie, N);
const page10kDefault = await timings(`${BASE}/orgs/admin/resources/tls`, cookie, N);
const ks10 = await timings(`${BASE}/api/orgs/sample-org/keystores`, auth, N);
const ks1k = await timings(`${BASE}/api/orgs/admin/keystores`, auth, N);
// Same page size on both sides (10 rows), so the ratio shows what the table's size costs, not the row count.
const ksPage10 = await timings(`${BASE}/orgs/sample-org/resources/tls/keystores?limit=10`, cookie, N);
const ksPage1k = await timings(`${BASE}/orgs/admin/resources/tls/keystores?limit=10`, cookie, N);
// One page of rows (10) on both sides: what 100 times the certificates costs the overview.
const expiryRest100 = await timings(`${BASE}/api/orgs/expiry-100/expiry?limit=10`, auth, N);
const expiryRest10k = await timings(`${BASE}/api/orgs/expiry-10k/expiry?limit=10`, auth, N);
const expiryPage100 = await timings(`${BASE}/orgs/expiry-100/resources/tls/expiry?limit=10`, cookie, N);
const expiryPage10k = await timings(`${BASE}/orgs/expiry-10k/resources/tls/expiry?limit=10`, cookie, N);
const tlsPage = await firstLoadBytes("/orgs/sample-org/resources/tls", cookie);
const barePage = await firstLoadBytes("/login", {});
const throughput = await createThroughput(10, 30);
stop();

const result = {
  date: new Date().toISOString(),
  database: "sqlite",
  expiryCheck,
  compliancePreview,
  restList: { "10": list10, "10000": list10k, ratioP50: round(list10k.p50 / list10.p50), target: "≤ 1.3" },
  tlsPageHtml: {
    "10": page10,
    "10000": page10k,
    ratioP50: round(page10k.p50 / page10.p50),
    target: "≤ 1.3",
    "10000, default 25 rows": page10kDefault,
  },
  keystoresRestList: { "10": ks10, "1000": ks1k, ratioP50: round(ks1k.p50 / ks10.p50), target: "≤ 1.3" },
  keystoresPageHtml: {
    "10": ksPage10,
    "1000": ksPage1k,
    ratioP50: round(ksPage1k.p50 / ksPage10.p50),
    target: "≤ 1.3",
  },
  expiryRest: {
    "100": expiryRest100,
    "10000": expiryRest10k,
    ratioP50: round(expiryRest10k.p50 / expiryRest100.p50),
    target: "≤ 1.3",
  },
  expiryPageHtml: {
    "100": expiryPage100,
    "10000": expiryPage10k,
    ratioP50: round(expiryPage10k.p50 / expiryPage100.p50),
    target: "≤ 1.3",
  },
  importP50ms: imports,
  hostileUploads: hostile,
  connectionTests: { ...probes, underLoad: probing, underLoadInstantServer: probingFlat },
  keyGeneration: { ...keyGeneration, underLoad: generating },
  firstLoadGzip: { tlsPage, barePage, target: "TLS page ≤ 300 KB" },
  createThroughput: { clients: 10, ...throughput, target: "errors: 0" },
};

console.table({
  "REST list p50 ms": { "10": list10.p50, "10000": list10k.p50, ratio: result.restList.ratioP50 },
  "REST list p95 ms": { "10": list10.p95, "10000": list10k.p95, ratio: round(list10k.p95 / list10.p95) },
  "TLS page p50 ms": { "10": page10.p50, "10000": page10k.p50, ratio: result.tlsPageHtml.ratioP50 },
  "TLS page p95 ms": { "10": page10.p95, "10000": page10k.p95, ratio: round(page10k.p95 / page10.p95) },
  "TLS page, 25 rows, p50 ms": {
    "10": page10.p50,
    "10000": page10kDefault.p50,
    ratio: round(page10kDefault.p50 / page10.p50),
  },
});
console.table({
  "keystores REST p50 ms": { "10": ks10.p50, "1000": ks1k.p50, ratio: result.keystoresRestList.ratioP50 },
  "keystores page p50 ms": { "10": ksPage10.p50, "1000": ksPage1k.p50, ratio: result.keystoresPageHtml.ratioP50 },
});
console.table({
  "expiry REST p50 ms": { "100": expiryRest100.p50, "10000": expiryRest10k.p50, ratio: result.expiryRest.ratioP50 },
  "expiry page p50 ms": { "100": expiryPage100.p50, "10000": expiryPage10k.p50, ratio: result.expiryPageHtml.ratioP50 },
});
console.table(imports);
console.log("expiry check", expiryCheck);
console.table({
  "policy preview, strict": {
    "100 p50 ms": compliancePreview["100"].strict.p50,
    "10000 p50 ms": compliancePreview["10000"].strict.p50,
    ratio: compliancePreview.ratioP50,
    "10000 loop max ms": compliancePreview["10000"].strict.loopMaxMs,
  },
  "policy preview, open": {
    "10000 p50 ms": compliancePreview["10000"].open.p50,
    "10000 loop max ms": compliancePreview["10000"].open.loopMaxMs,
  },
});
console.table({ idle: hostile.idle, "4 heavy uploads": hostile["4 uploads"] });
console.log("first upload after start", hostile.firstUploadAfterStart);
console.log("upload statuses", hostile.uploadStatuses, "list p99 ratio", hostile.p99Ratio, `(${hostile.target})`);
console.table({
  "test connection p50 ms": { probe: probes.testP50ms, "openssl s_client": probes.opensslSClientP50ms },
});
console.log("test vs s_client", probes.ratio, `(${probes.target})`, "full scan ms", probes.fullScanMs);
for (const p of [probing, probingFlat]) {
  console.table({ idle: p.idle, [`10 tests running, server ${p.serverAwayMs} ms away`]: p["10 tests"] });
  console.log("tests/s", p.testsPerSecond, p.testStatuses, "list p99 ratio", p.p99Ratio, `(${p.target})`);
}
console.table(keyGeneration);
console.table({ idle: generating.idle, "2 RSA 4096 generating": generating["2 generating"] });
console.log("create statuses", generating.statuses, "list p99 ratio", generating.p99Ratio, `(${generating.target})`);
console.table({ "TLS page": tlsPage, "bare page (/login)": barePage });
console.table({ "create, 10 clients": throughput });
const out = join(import.meta.dirname, "results", `${result.date.replace(/[:.]/g, "-")}.json`);
writeFileSync(out, JSON.stringify(result, null, 2) + "\n");
console.log(`wrote ${out}`);
process.exit(0);
