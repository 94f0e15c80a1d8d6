import { beforeAll, describe, expect, it } from "vitest";
import * as route from "@/app/api/orgs/[org]/expiry/route";
import { issue } from "@/lib/crypto/pki";
import { AppError } from "@/lib/errors";
import { actorFromApiKey, createApiKey } from "@/lib/server/access/api-keys";
import { createOrganization } from "@/lib/server/access/orgs";
import { requireOrg } from "@/lib/server/access/require-org";
import { createSession } from "@/lib/server/access/sessions";
import { expiryOverview } from "@/lib/server/lifecycle/expiry";
import { db } from "@/lib/server/platform/db";
import { createClientProfile } from "@/lib/server/profiles/client-profiles";
import { createServerProfile } from "@/lib/server/profiles/server-profiles";
import { createKeystore } from "@/lib/server/stores/keystores";
import { createTruststore } from "@/lib/server/stores/truststores";
import { toAppError } from "@/lib/server/platform/to-app-error";
import { DAY_MS } from "@/lib/tls/expiry";
import { DEFAULT_CIPHERS } from "@/lib/tls/ciphers";
import { DEFAULT_PROTOCOLS } from "@/lib/tls/protocols";
import { ctx as routeCtx, request } from "../helpers/http";
import { contextFor } from "../helpers/org-context";
import { pemUpload } from "../helpers/pki";
import { buildWorld } from "../helpers/world";

const BASE = { version: "1.0.0", protocols: DEFAULT_PROTOCOLS, ciphers: DEFAULT_CIPHERS };
const now = new Date();
const day = (n: number) => new Date(now.getTime() + n * DAY_MS).toISOString().slice(0, 10);

// A chain whose intermediate expires first (in 20 days), a leaf in 200 days and a root in 3000.
const root = issue(now, { commonName: "Partner Root X1", usage: "ca", toDays: 3000 });
const intermediate = issue(now, { commonName: "R11", organization: "Partner", usage: "ca", toDays: 20 }, root);
const leafPair = issue(now, { commonName: "mtls.partner.test", usage: "client", toDays: 200 }, intermediate);
// Two trust anchors: one in 5 days, one in 400.
const soonAnchor = issue(now, { commonName: "Soon Anchor", usage: "ca", toDays: 5 });
const lateAnchor = issue(now, { commonName: "Late Anchor", usage: "ca", toDays: 400 });

let world: Awaited<ReturnType<typeof buildWorld>>;
let ctx: Awaited<ReturnType<typeof contextFor>>;
let otherCtx: Awaited<ReturnType<typeof contextFor>>;

beforeAll(async () => {
  world = await buildWorld();
  ctx = await contextFor(world);
  otherCtx = await contextFor(world, "otherOrgAdmin", world.otherOrg);
  await createKeystore(
    ctx,
    { title: "Partner mTLS" },
    pemUpload(leafPair.keyPem + leafPair.certPem + intermediate.certPem + root.certPem),
  );
  await createTruststore(ctx, { title: "Partners" }, pemUpload(lateAnchor.certPem + soonAnchor.certPem));
  await createClientProfile(ctx, { ...BASE, title: "Keystore only", keystore_url: "partner-mtls" });
  await createClientProfile(ctx, {
    ...BASE,
    title: "Both stores",
    keystore_url: "partner-mtls",
    truststore_url: "partners",
  });
  await createServerProfile(ctx, { ...BASE, title: "Partner gateway", keystore_url: "partner-mtls" });
  await createClientProfile(ctx, { ...BASE, title: "No stores" });
  // Another organization's certificate expires soonest of all: it must never show up in acme's overview.
  const foreign = issue(now, { commonName: "foreign.test", usage: "server", toDays: 2 }, root);
  await createKeystore(otherCtx, { title: "Foreign" }, pemUpload(foreign.keyPem + foreign.certPem + root.certPem));
});

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  const known = toAppError(e);
  if (!known) throw new Error(`expected a refusal, got ${String(e)}`);
  return known;
}

describe("expiry overview of one organization", () => {
  it("lists every certificate of every chain and truststore, soonest first, with role, days left and used_by", async () => {
    const o = await expiryOverview(ctx, {}, now);
    expect(o.total_results).toBe(5);
    expect(o.results.map((r) => [r.kind, r.store_name, r.position, r.role, r.subject, r.days_left, r.bucket])).toEqual([
      ["truststore", "partners", 1, "trust anchor", "CN=Soon Anchor", 4, "7"],
      ["keystore", "partner-mtls", 1, "intermediate", "O=Partner, CN=R11", 19, "30"],
      ["keystore", "partner-mtls", 0, "leaf", "CN=mtls.partner.test", 199, "later"],
      ["truststore", "partners", 0, "trust anchor", "CN=Late Anchor", 399, "later"],
      ["keystore", "partner-mtls", 2, "root", "CN=Partner Root X1", 2999, "later"],
    ]);
    const intermediateRow = o.results[1];
    expect(intermediateRow.issuer).toBe("CN=Partner Root X1");
    expect(intermediateRow.sha256_fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(intermediateRow.used_by).toEqual([
      { type: "tls_client_profile", name: "both-stores", version: "1.0.0", title: "Both stores" },
      { type: "tls_client_profile", name: "keystore-only", version: "1.0.0", title: "Keystore only" },
      { type: "tls_server_profile", name: "partner-gateway", version: "1.0.0", title: "Partner gateway" },
    ]);
    expect(o.results[0].used_by).toEqual([
      { type: "tls_client_profile", name: "both-stores", version: "1.0.0", title: "Both stores" },
    ]);
    expect(o.buckets).toEqual({ expired: 0, "7": 1, "30": 1, "90": 0, later: 3 });
    expect(o.timeline).toHaveLength(12);
    // Certificates within the next 12 months: the anchor, the intermediate, the leaf (200 days); not 400 or 3000.
    expect(o.timeline.reduce((n, m) => n + m.count, 0)).toBe(3);
    expect(JSON.stringify(o)).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE/);
  });

  it("says when each profile breaks and why: the intermediate, or the truststore's anchor when that is sooner", async () => {
    const o = await expiryOverview(ctx, {}, now);
    expect(o.profiles.map((p) => [p.type, p.name, p.breaks_at.slice(0, 10), p.cause])).toEqual([
      [
        "tls_client_profile",
        "both-stores",
        day(5),
        `breaks ${day(5)}: trust anchor 'Soon Anchor' of truststore partners expires`,
      ],
      [
        "tls_client_profile",
        "keystore-only",
        day(20),
        `breaks ${day(20)}: intermediate 'R11' of keystore partner-mtls expires`,
      ],
      [
        "tls_server_profile",
        "partner-gateway",
        day(20),
        `breaks ${day(20)}: intermediate 'R11' of keystore partner-mtls expires`,
      ],
    ]);
    expect(o.profiles_total).toBe(3);
    // Once the anchor has expired, the profile is broken, said in the past tense.
    const later = await expiryOverview(ctx, {}, new Date(now.getTime() + 6 * DAY_MS));
    expect(later.profiles[0].cause).toBe(
      `broken since ${day(5)}: trust anchor 'Soon Anchor' of truststore partners expired`,
    );
    expect(later.buckets.expired).toBe(1);
  });

  it("filters by bucket, kind, store and within_days, and pages", async () => {
    const names = async (q: object) =>
      (await expiryOverview(ctx, q, now)).results.map((r) => `${r.store_name}#${r.position}`);
    expect(await names({ bucket: "30" })).toEqual(["partner-mtls#1"]);
    expect(await names({ bucket: "later", kind: "truststore" })).toEqual(["partners#0"]);
    expect(await names({ kind: "keystore" })).toEqual(["partner-mtls#1", "partner-mtls#0", "partner-mtls#2"]);
    expect(await names({ store: "partners" })).toEqual(["partners#1", "partners#0"]);
    expect(await names({ store: "partners", kind: "keystore" })).toEqual([]);
    expect(await names({ within_days: "19" })).toEqual(["partners#1", "partner-mtls#1"]);
    expect(await names({ within_days: "18" })).toEqual(["partners#1"]);
    const paged = await expiryOverview(ctx, { limit: "2", offset: "2" }, now);
    expect(paged.total_results).toBe(5);
    expect(paged.results.map((r) => r.subject)).toEqual(["CN=mtls.partner.test", "CN=Late Anchor"]);
    // The tiles keep counting the other buckets while one is chosen; the profile table follows the bucket.
    const chosen = await expiryOverview(ctx, { bucket: "7" }, now);
    expect(chosen.buckets).toEqual({ expired: 0, "7": 1, "30": 1, "90": 0, later: 3 });
    expect(chosen.profiles.map((p) => p.name)).toEqual(["both-stores"]);
    expect((await expiryOverview(ctx, { store: "partners" }, now)).profiles.map((p) => p.name)).toEqual([
      "both-stores",
    ]);
    const kindOnly = await expiryOverview(ctx, { kind: "truststore" }, now);
    expect(kindOnly.buckets).toEqual({ expired: 0, "7": 1, "30": 0, "90": 0, later: 1 });
  });

  it("refuses bad input as a validation error", async () => {
    for (const q of [{ bucket: "soon" }, { kind: "profile" }, { limit: "0" }, { within_days: "-1" }, { scope: "x" }])
      expect((await refusal(expiryOverview(ctx, q, now))).code).toBe("VALIDATION");
  });

  it("never shows another organization's certificates or profiles", async () => {
    const o = await expiryOverview(ctx, { within_days: "4" }, now);
    expect(o.results.map((r) => r.subject)).toEqual(["CN=Soon Anchor"]);
    const theirs = await expiryOverview(otherCtx, {}, now);
    expect(theirs.results.map((r) => r.subject)).toEqual(["CN=foreign.test", "CN=Partner Root X1"]);
    expect(theirs.profiles).toEqual([]);
    expect((await expiryOverview(otherCtx, { store: "partner-mtls" }, now)).total_results).toBe(0);
  });
});

describe("expiry overview of every organization", () => {
  let admin: { id: string; name: string };
  const user = async (role: string, label: string) => {
    const u = await db().user.create({
      data: { email: `${label}-${admin.name}@example.com`, name: label, passwordHash: "x" },
    });
    const r = await db().role.findUniqueOrThrow({ where: { orgId_name: { orgId: admin.id, name: role } } });
    await db().membership.create({ data: { userId: u.id, orgId: admin.id, roleId: r.id } });
    return { userId: u.id, email: u.email, name: label, via: "session" as const };
  };
  const as = (actor: Awaited<ReturnType<typeof user>>) => requireOrg(actor, admin.name, "settings:view", "test-req");

  beforeAll(async () => {
    admin = await createOrganization({ name: `cloud-${world.org}`, title: "Cloud Manager", type: "admin" });
    await db().role.create({
      data: { orgId: admin.id, name: "viewer", title: "Viewer", permissions: "settings:view,settings:manage" },
    });
  });

  it("lets the admin organization's owners and administrators see every organization, with its name", async () => {
    for (const role of ["owner", "administrator"]) {
      const o = await expiryOverview(await as(await user(role, role)), { scope: "all", within_days: "4" }, now);
      const mine = o.results.filter((r) => r.org?.name === world.org || r.org?.name === world.otherOrg);
      expect(mine.map((r) => [r.org?.name, r.subject])).toEqual([
        [world.otherOrg, "CN=foreign.test"],
        [world.org, "CN=Soon Anchor"],
      ]);
      expect(o.scope).toBe("all");
      expect(o.profiles.find((p) => p.name === "both-stores")?.org).toEqual({ name: world.org, title: "Acme" });
    }
  });

  it("answers over REST: 200 for the admin organization's owner, 403 for its custom role", async () => {
    const get = async (actor: Awaited<ReturnType<typeof user>>) => {
      const { token } = await createSession(actor.userId, {});
      return route.GET(
        request("GET", "/x?scope=all&kind=truststore", { session: token }),
        routeCtx({ org: admin.name }),
      );
    };
    const ok = await get(await user("owner", "rest-owner"));
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { scope: string; results: { org?: { name: string }; kind: string }[] };
    expect(body.scope).toBe("all");
    expect(body.results.some((r) => r.org?.name === world.org && r.kind === "truststore")).toBe(true);
    const refused = await get(await user("viewer", "rest-viewer"));
    expect(refused.status).toBe(403);
  });

  it("refuses everyone else: custom roles of the admin organization, provider organizations, restricted keys", async () => {
    const viewer = await as(await user("viewer", "viewer"));
    expect((await refusal(expiryOverview(viewer, { scope: "all" }, now))).code).toBe("FORBIDDEN");
    expect((await refusal(expiryOverview(ctx, { scope: "all" }, now))).code).toBe("FORBIDDEN");
    const owner = await user("owner", "keyowner");
    const { key } = await createApiKey(owner, { name: "admin only", org: admin.name }, "test");
    const restricted = await requireOrg(await actorFromApiKey(key), admin.name, "settings:view", "test-req");
    expect((await refusal(expiryOverview(restricted, { scope: "all" }, now))).code).toBe("FORBIDDEN");
    // The same key may still read its own organization.
    expect((await expiryOverview(restricted, {}, now)).scope).toBe("org");
  });
});
