import { monitorEventLoopDelay } from "node:perf_hooks";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as metrics from "@/app/api/metrics/route";
import { Prisma } from "@/lib/generated/sqlite/client";
import { createApiKey } from "@/lib/server/access/api-keys";
import { ADMIN_ORG, createOrganization } from "@/lib/server/access/orgs";
import { db } from "@/lib/server/platform/db";
import { createKeystore } from "@/lib/server/stores/keystores";
import { createTruststore } from "@/lib/server/stores/truststores";
import { request, type Auth } from "../helpers/http";
import { contextFor } from "../helpers/org-context";
import { keystoreUpload, leaf, pemUpload, testCa } from "../helpers/pki";
import { parseExposition } from "../helpers/prometheus";
import { buildWorld } from "../helpers/world";

const METRIC = "tls_console_certificate_expiry_timestamp_seconds";
const TOKEN = "metrics-token-0123456789abcdef0123456789abcdef";

let world: Awaited<ReturnType<typeof buildWorld>>;
/** API keys of people in the admin organization (Cloud Manager), by role; and one narrowed to another organization. */
const adminKeys: Record<"owner" | "administrator" | "member" | "narrowedAdministrator", string> = {
  owner: "",
  administrator: "",
  member: "",
  narrowedAdministrator: "",
};

beforeAll(async () => {
  world = await buildWorld();
  const admin = await createOrganization(ADMIN_ORG);
  for (const role of ["owner", "administrator", "member"] as const) {
    const user = await db().user.create({ data: { email: `${role}@cloud.test`, name: role, passwordHash: "x" } });
    const { id: roleId } = await db().role.findUniqueOrThrow({
      where: { orgId_name: { orgId: admin.id, name: role } },
    });
    await db().membership.create({ data: { userId: user.id, orgId: admin.id, roleId } });
    const actor = { userId: user.id, email: user.email, name: role, via: "session" as const };
    adminKeys[role] = (await createApiKey(actor, { name: "scrape" }, "t")).key;
    if (role === "administrator") {
      // Also a member of acme, so a key may be narrowed to acme: such a key is no admin-organization key.
      const acme = await db().organization.findUniqueOrThrow({ where: { name: world.org } });
      const memberRole = await db().role.findUniqueOrThrow({
        where: { orgId_name: { orgId: acme.id, name: "member" } },
      });
      await db().membership.create({ data: { userId: user.id, orgId: acme.id, roleId: memberRole.id } });
      adminKeys.narrowedAdministrator = (await createApiKey(actor, { name: "narrow", org: world.org }, "t")).key;
    }
  }
  const owner = await contextFor(world, "owner");
  await createKeystore(owner, { title: "gw-server" }, keystoreUpload(leaf("api.example.com")));
  await createTruststore(owner, { title: "Partners" }, pemUpload(testCa.certPem));
  const other = await contextFor(world, "otherOrgAdmin", world.otherOrg);
  await createKeystore(other, { title: "Other gateway" }, keystoreUpload(leaf("other.example.com")));
});

afterEach(() => vi.unstubAllEnvs());

const scrape = (auth: Auth) => metrics.GET(request("GET", "/api/metrics", auth));

describe("GET /api/metrics content", () => {
  it("has one series per certificate of every store of every organization, valued at its not-after", async () => {
    vi.stubEnv("METRICS_TOKEN", TOKEN);
    const res = await scrape({ bearer: TOKEN });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const text = await res.text();
    expect(text).toContain(`# TYPE ${METRIC} gauge`);
    const series = parseExposition(text).filter((s) => s.name === METRIC);

    const rows = await db().certificate.findMany({ include: { keystore: true, truststore: true } });
    const orgs = new Map((await db().organization.findMany()).map((o) => [o.id, o.name]));
    expect(rows.length).toBe(5); // acme: leaf + CA, one trust anchor; other: leaf + CA
    expect(series.map((s) => s.labels).sort(byFingerprintAndStore)).toEqual(
      rows
        .map((c) => ({
          org: orgs.get(c.orgId)!,
          kind: c.keystore ? "keystore" : "truststore",
          store: (c.keystore ?? c.truststore)!.name,
          position: String(c.position),
          subject: c.subject,
          fingerprint: c.sha256,
        }))
        .sort(byFingerprintAndStore),
    );
    for (const c of rows) {
      const s = series.find((x) => x.labels.fingerprint === c.sha256 && x.labels.position === String(c.position));
      expect(s?.value).toBe(Math.floor(c.notAfter.getTime() / 1000));
    }
    const leafSeries = series.find((s) => s.labels.subject === "CN=api.example.com");
    expect(leafSeries?.labels).toMatchObject({ org: world.org, kind: "keystore", store: "gw-server", position: "0" });
  });

  it("escapes backslashes, quotes and newlines in label values, so a subject cannot break the format", async () => {
    vi.stubEnv("METRICS_TOKEN", TOKEN);
    const nasty = 'CN=quote"d \\ back\nslash} x="y"';
    const row = await db().certificate.findFirstOrThrow({ where: { subject: "CN=api.example.com" } });
    await db().certificate.update({ where: { id: row.id }, data: { subject: nasty } });
    try {
      const text = await (await scrape({ bearer: TOKEN })).text();
      expect(text).toContain(`subject="CN=quote\\"d \\\\ back\\nslash} x=\\"y\\""`);
      // Every sample is still on one line, and reads back to the stored subject.
      const series = parseExposition(text).filter((s) => s.name === METRIC);
      expect(series).toHaveLength(5);
      expect(series.filter((s) => s.labels.subject === nasty)).toHaveLength(1);
    } finally {
      await db().certificate.update({ where: { id: row.id }, data: { subject: row.subject } });
    }
  });
});

describe("GET /api/metrics notification counters", () => {
  it("counts notices sent and given up on per channel, from their records", async () => {
    const acme = await db().organization.findUniqueOrThrow({ where: { name: world.org } });
    const notice = (channel: string, status: string, thresholdDays: number) => ({
      orgId: acme.id,
      channel,
      fingerprint: `fp-${channel}-${status}-${thresholdDays}`,
      thresholdDays,
      event: "certificate.expiring",
      payload: "{}",
      status,
      nextAttemptAt: new Date(),
      giveUpAt: new Date(),
      createdAt: new Date(),
    });
    await db().notice.createMany({
      data: [
        notice("email", "sent", 30),
        notice("email", "sent", 7),
        notice("email", "failed", 1),
        notice("email", "pending", 0),
        notice("email", "covered", 60),
      ],
    });
    vi.stubEnv("METRICS_TOKEN", TOKEN);
    try {
      const samples = parseExposition(await (await scrape({ bearer: TOKEN })).text()).filter(
        (s) => s.name === "tls_console_notifications_total",
      );
      const value = (channel: string, outcome: string) =>
        samples.find((s) => s.labels.channel === channel && s.labels.outcome === outcome)?.value;
      expect(value("email", "sent")).toBe(2);
      expect(value("email", "failed")).toBe(1);
      expect(value("webhook", "sent")).toBe(0);
    } finally {
      await db().notice.deleteMany({ where: { orgId: acme.id, fingerprint: { startsWith: "fp-" } } });
    }
  });
});

describe("GET /api/metrics authorization", () => {
  it("takes METRICS_TOKEN, compared whole", async () => {
    vi.stubEnv("METRICS_TOKEN", TOKEN);
    expect((await scrape({ bearer: TOKEN })).status).toBe(200);
    expect((await scrape({ bearer: `${TOKEN}x` })).status).toBe(401);
    expect((await scrape({ bearer: TOKEN.slice(0, -1) })).status).toBe(401);
  });

  it("answers 401 without credentials, with an unknown token, and when no METRICS_TOKEN is configured", async () => {
    vi.stubEnv("METRICS_TOKEN", "");
    const none = await scrape(null);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await none.json()).toMatchObject({ status: 401, errors: [] });
    expect((await scrape({ bearer: "" })).status).toBe(401);
    expect((await scrape({ bearer: TOKEN })).status).toBe(401);
    expect((await scrape({ bearer: world.revokedKey })).status).toBe(401);
    expect((await scrape({ bearer: world.expiredKey })).status).toBe(401);
    // A browser session is not a scraper's credential.
    expect((await scrape({ session: world.users.owner.session })).status).toBe(401);
  });

  it("lets owners and administrators of the admin organization in with their API keys", async () => {
    for (const key of [adminKeys.owner, adminKeys.administrator]) {
      const res = await scrape({ bearer: key });
      expect(res.status).toBe(200);
      expect(parseExposition(await res.text()).filter((s) => s.name === METRIC)).toHaveLength(5);
    }
  });

  it("answers 403 to any other valid key: admin-organization members, other organizations' owners, narrowed keys", async () => {
    for (const key of [
      adminKeys.member,
      adminKeys.narrowedAdministrator,
      world.users.owner.apiKey,
      world.users.otherOrgAdmin.apiKey,
    ]) {
      const res = await scrape({ bearer: key });
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain(METRIC);
    }
  });
});

describe("GET /api/metrics at scale", () => {
  it("scrapes 10,000 certificates a page per query, without holding the event loop", async () => {
    vi.stubEnv("METRICS_TOKEN", TOKEN);
    const big = await createOrganization({ name: "big-org", title: "Big", type: "provider" });
    const template = await db().keystore.findFirstOrThrow({ where: { title: "gw-server" } });
    const { id: _k, orgId: _o, createdAt: _c, updatedAt: _u, ...fields } = template;
    const stores = await db().$transaction(
      Array.from({ length: 100 }, (_, s) =>
        db().keystore.create({ data: { ...fields, orgId: big.id, name: `ks-${s}` } }),
      ),
    );
    await insertCertificates(
      stores.flatMap((ks, s) =>
        Array.from({ length: 100 }, (_, p) => ({
          orgId: big.id,
          keystoreId: ks.id,
          position: p,
          subject: `CN=host-${s}-${p}.example.com`,
          notAfter: new Date(Date.UTC(2030, 0, 1) + (s * 100 + p) * 1000),
        })),
      ),
    );
    const queries = vi.spyOn(db(), "$queryRaw");
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const started = performance.now();
    const res = await scrape({ bearer: TOKEN });
    const text = await res.text();
    const elapsed = performance.now() - started;
    loop.disable();
    expect(res.status).toBe(200);
    const series = parseExposition(text).filter((s) => s.labels.org === "big-org");
    expect(series).toHaveLength(10_000);
    // Each family is described once however many pages it spans: the gauge and the notification counter.
    expect(text.match(/^# TYPE .*$/gm)).toEqual([
      "# TYPE tls_console_notifications_total counter",
      `# TYPE ${METRIC} gauge`,
    ]);
    expect(series.find((s) => s.labels.subject === "CN=host-42-7.example.com")?.value).toBe(
      Date.UTC(2030, 0, 1) / 1000 + 4207,
    );
    // A query per page of 500 (10,005 certificates), never one per store or certificate.
    expect(queries).toHaveBeenCalledTimes(21);
    queries.mockRestore();
    expect(elapsed).toBeLessThan(5_000);
    expect(loop.max / 1e6).toBeLessThan(200);
    console.info(
      `metrics: 10,005 series in ${elapsed.toFixed(0)} ms, event loop max delay ${(loop.max / 1e6).toFixed(0)} ms`,
    );
  });
});

/** Plain multi-row INSERTs: the bulk set-up of 10,000 rows through createMany alone would take half a minute here. */
async function insertCertificates(
  rows: { orgId: string; keystoreId: string; position: number; subject: string; notAfter: Date }[],
) {
  const notBefore = new Date(Date.UTC(2025, 0, 1));
  for (let i = 0; i < rows.length; i += 500) {
    const values = rows.slice(i, i + 500).map(
      (r, j) => Prisma.sql`(${`bulk${String(i + j).padStart(6, "0")}`}, ${r.orgId}, ${r.keystoreId}, ${r.position},
        ${(i + j).toString(16).padStart(64, "0")}, ${r.subject}, ${"CN=Bulk CA"}, ${"01"}, ${""}, ${"EC"}, ${256},
        ${"ecdsa-with-SHA256"}, ${notBefore}, ${r.notAfter}, ${false}, ${false}, ${""})`,
    );
    await db().$executeRaw`INSERT INTO "Certificate" ("id", "orgId", "keystoreId", "position", "sha256", "subject",
      "issuer", "serialNumber", "subjectAltNames", "keyType", "keyBits", "signatureAlgorithm", "notBefore",
      "notAfter", "isCA", "selfSigned", "pem") VALUES ${Prisma.join(values)}`;
  }
}

function byFingerprintAndStore(a: Record<string, string>, b: Record<string, string>) {
  return `${a.fingerprint}/${a.store}/${a.position}`.localeCompare(`${b.fingerprint}/${b.store}/${b.position}`);
}
