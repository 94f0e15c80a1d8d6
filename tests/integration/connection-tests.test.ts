import { createServer as createNetServer } from "node:net";
import { createServer } from "node:tls";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as testRoute from "@/app/api/orgs/[org]/tls-client-profiles/[name]/[version]/test/route";
import * as testsRoute from "@/app/api/orgs/[org]/tls-client-profiles/[name]/[version]/tests/route";
import * as checkRoute from "@/app/api/orgs/[org]/tls-server-profiles/[name]/[version]/check/route";
import * as checksRoute from "@/app/api/orgs/[org]/tls-server-profiles/[name]/[version]/checks/route";
import type { OrgContext } from "@/lib/server/access/require-org";
import { db } from "@/lib/server/platform/db";
import { KEPT_PER_PROFILE } from "@/lib/server/probes/connection-history";
import { clientProfileTests, testClientProfile } from "@/lib/server/probes/connection-tests";
import { claimProbeSlot, LEASE_MS, releaseProbeSlot, type SlotClaim } from "@/lib/server/probes/probe-slots";
import { checkServerProfile, serverProfileChecks } from "@/lib/server/probes/server-check";
import { createClientProfile, deleteClientProfiles } from "@/lib/server/profiles/client-profiles";
import { createServerProfile } from "@/lib/server/profiles/server-profiles";
import { createKeystore } from "@/lib/server/stores/keystores";
import { createTruststore } from "@/lib/server/stores/truststores";
import { DEFAULT_CIPHERS } from "@/lib/tls/ciphers";
import { ctx as routeCtx, request } from "../helpers/http";
import { closeLoopbackServers, onLoopback } from "../helpers/loopback";
import { contextFor } from "../helpers/org-context";
import { keystoreUpload, leaf, pemUpload, testCa } from "../helpers/pki";
import { buildWorld } from "../helpers/world";

let world: Awaited<ReturnType<typeof buildWorld>>;
let owner: OrgContext;
let other: OrgContext;
let seq = 0;
const serverPair = leaf("api.probe.test");
const clientPair = leaf("partner-client", "client");
const T0 = new Date("2026-12-01T00:00:00Z");
const at = (minutes: number) => () => new Date(T0.getTime() + minutes * 60_000);

beforeAll(async () => {
  world = await buildWorld();
  owner = await contextFor(world, "owner");
  other = await contextFor(world, "otherOrgAdmin", world.otherOrg);
  await createTruststore(owner, { title: "Probe CA", name: "probe-ca" }, pemUpload(testCa.certPem));
  await createKeystore(owner, { title: "Partner client", name: "partner-client" }, keystoreUpload(clientPair));
  await createKeystore(owner, { title: "API server", name: "api-server" }, keystoreUpload(serverPair));
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await closeLoopbackServers();
});
afterAll(closeLoopbackServers);

async function clientProfile(c: OrgContext, extra: Record<string, unknown> = {}) {
  return createClientProfile(c, {
    title: `Probe client ${++seq}`,
    version: "1.0.0",
    protocols: ["tls_v1.2", "tls_v1.3"],
    ciphers: DEFAULT_CIPHERS,
    ...extra,
  });
}

/** A server that presents api.probe.test's chain and, with `mutual`, requires a client certificate from the test CA. */
function tlsServer(mutual = false) {
  return onLoopback(
    createServer({
      key: serverPair.keyPem,
      cert: serverPair.certPem + testCa.certPem,
      ...(mutual ? { requestCert: true, rejectUnauthorized: true, ca: [testCa.certPem] } : {}),
    }),
  );
}

/** A loopback port with nothing listening: every test against it ends quickly, refused. */
async function closedPort() {
  const probe = createNetServer();
  const port = await onLoopback(probe);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const keyBody = (pem: string) =>
  pem
    .replace(/-----[A-Z ]+-----/g, "")
    .replace(/\s+/g, "")
    .slice(0, 40);

describe("Test connection (client profile)", () => {
  it("succeeds against a loopback server the truststore trusts, keeps the result and audits it, without key material", async () => {
    vi.stubEnv("OUTBOUND_ALLOW", "127.0.0.0/8");
    const profile = await clientProfile(owner, { truststore_url: "probe-ca", keystore_url: "partner-client" });
    const port = await tlsServer(true);
    const result = await testClientProfile(
      owner,
      profile.name,
      "1.0.0",
      { host: "127.0.0.1", port, server_name: "api.probe.test" },
      at(0),
    );
    expect(result).toMatchObject({ ok: true, protocol: "tls_v1.3", trusted: true });
    expect(result.cipher_iana).toMatch(/^TLS_/);
    expect(result.peer_certificates.map((c) => c.subject)).toEqual(["CN=api.probe.test", "CN=Test CA"]);

    const [kept] = await clientProfileTests(owner, profile.name, "1.0.0");
    expect(kept).toMatchObject({
      target: `127.0.0.1:${port}`,
      ok: true,
      code: null,
      actor: owner.actor.email,
      at: T0.toISOString(),
    });
    expect(kept.result).toEqual(JSON.parse(JSON.stringify(result)));

    const events = await db().auditEvent.findMany({
      where: { orgId: owner.org.id, action: "test", targetName: `${profile.name}:1.0.0` },
    });
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].changes)).toEqual({
      target: { to: `127.0.0.1:${port}` },
      server_name: { to: "api.probe.test" },
      scan: { to: false },
      ok: { to: true },
      outcome: { to: "ok" },
    });
    // The client key was used for the handshake, and appears nowhere in what was kept or audited.
    const stored = JSON.stringify(await db().connectionTest.findMany({ where: { orgId: owner.org.id } }));
    for (const text of [stored, JSON.stringify(events)]) {
      expect(text).not.toContain("PRIVATE KEY");
      expect(text).not.toContain(keyBody(clientPair.keyPem));
      expect(text).not.toContain(keyBody(serverPair.keyPem));
    }
  });

  it("reports a server the profile does not trust as a failed result (200 over REST), kept with its code", async () => {
    vi.stubEnv("OUTBOUND_ALLOW", "127.0.0.0/8");
    const profile = await clientProfile(owner);
    const port = await tlsServer();
    const res = await testRoute.POST(
      request(
        "POST",
        "/x",
        { bearer: world.users.customManage.apiKey },
        {
          host: "127.0.0.1",
          port,
          server_name: "api.probe.test",
        },
      ),
      routeCtx({ org: world.org, name: profile.name, version: "1.0.0" }),
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ ok: false, code: "unknown_ca" });
    expect(body.message).toEqual(expect.any(String));

    const list = await testsRoute.GET(
      request("GET", "/x", { bearer: world.users.customView.apiKey }),
      routeCtx({ org: world.org, name: profile.name, version: "1.0.0" }),
    );
    expect(list.status).toBe(200);
    expect(await list.json()).toMatchObject({
      total_results: 1,
      results: [{ ok: false, code: "unknown_ca", target: `127.0.0.1:${port}` }],
    });
  });

  it("refuses bad input at its field, an unknown profile with 404, and a destination the guard refuses at host (audited, not kept)", async () => {
    const profile = await clientProfile(owner);
    const auth = { bearer: world.users.owner.apiKey };
    const post = (body: unknown, name = profile.name) =>
      testRoute.POST(request("POST", "/x", auth, body), routeCtx({ org: world.org, name, version: "1.0.0" }));

    const bad = await post({ host: "https://example.com/path", port: 70000 });
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors.map((e: { field: string }) => e.field).sort()).toEqual(["host", "port"]);
    expect((await post({ host: "example.com" }, "no-such-profile")).status).toBe(404);

    // No OUTBOUND_ALLOW: the metadata address is refused by the outbound guard before any byte is sent.
    const denied = await post({ host: "169.254.169.254", port: 443 });
    expect(denied.status).toBe(422);
    expect((await denied.json()).errors).toEqual([{ field: "host", message: expect.any(String) }]);
    expect(await clientProfileTests(owner, profile.name, "1.0.0")).toEqual([]);
    const event = await db().auditEvent.findFirstOrThrow({
      where: { orgId: owner.org.id, action: "test", targetName: `${profile.name}:1.0.0` },
    });
    expect(JSON.parse(event.changes)).toMatchObject({ outcome: { to: "denied" }, ok: { to: false } });
  });

  it("keeps the newest 20 per profile, and drops them with the profile", async () => {
    vi.stubEnv("OUTBOUND_ALLOW", "127.0.0.0/8");
    const profile = await clientProfile(owner);
    const port = await closedPort();
    for (let i = 0; i < KEPT_PER_PROFILE + 3; i++)
      await testClientProfile(owner, profile.name, "1.0.0", { host: "127.0.0.1", port }, at(i));
    const kept = await clientProfileTests(owner, profile.name, "1.0.0");
    expect(kept).toHaveLength(KEPT_PER_PROFILE);
    expect(kept[0].at).toBe(at(KEPT_PER_PROFILE + 2)().toISOString());
    expect(kept.at(-1)!.at).toBe(at(3)().toISOString());
    expect(kept.every((k) => k.code === "refused")).toBe(true);
    expect(await db().connectionTest.count({ where: { clientProfileId: profile.id } })).toBe(KEPT_PER_PROFILE);

    await deleteClientProfiles(owner, [{ name: profile.name, version: "1.0.0" }]);
    expect(await db().connectionTest.count({ where: { clientProfileId: profile.id } })).toBe(0);
  });
});

describe("Check with a client profile (server profile)", () => {
  async function serverProfile(mutual: "none" | "require" = "none") {
    return createServerProfile(owner, {
      title: `Probe server ${++seq}`,
      version: "1.0.0",
      protocols: ["tls_v1.2", "tls_v1.3"],
      ciphers: DEFAULT_CIPHERS,
      keystore_url: "api-server",
      mutual_authentication: mutual,
      ...(mutual === "require" ? { truststore_url: "probe-ca" } : {}),
    });
  }

  it("meets a client profile named by REST url or name:version, verifying the certificate's first DNS name", async () => {
    const server = await serverProfile();
    const client = await clientProfile(owner, { truststore_url: "probe-ca" });
    const res = await checkRoute.POST(
      request("POST", "/x", { bearer: world.users.orgAdmin.apiKey }, { client_profile_url: client.url }),
      routeCtx({ org: world.org, name: server.name, version: "1.0.0" }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, trusted: true });

    const failing = await checkServerProfile(owner, server.name, "1.0.0", {
      client_profile_url: `${(await clientProfile(owner)).name}:1.0.0`,
    });
    // The keystore holds the leaf alone and the client profile has no truststore: the leaf's issuer is missing.
    expect(failing).toMatchObject({ ok: false, code: "incomplete_chain" });

    const checks = await checksRoute.GET(
      request("GET", "/x", { bearer: world.users.customView.apiKey }),
      routeCtx({ org: world.org, name: server.name, version: "1.0.0" }),
    );
    expect((await checks.json()).results.map((r: { ok: boolean; target: string }) => [r.ok, r.target])).toEqual([
      [false, `probe-client-${seq}:1.0.0`],
      [true, `${client.name}:1.0.0`],
    ]);
    const event = await db().auditEvent.findFirstOrThrow({
      where: { orgId: owner.org.id, action: "check", targetName: `${server.name}:1.0.0` },
      orderBy: { createdAt: "asc" },
    });
    expect(JSON.parse(event.changes)).toMatchObject({
      client_profile: { to: `${client.name}:1.0.0` },
      server_name: { to: "api.probe.test" },
      ok: { to: true },
    });
  });

  it("loads the client profile's keystore too: a server that requires a client certificate accepts it", async () => {
    const server = await serverProfile("require");
    const withCert = await clientProfile(owner, { truststore_url: "probe-ca", keystore_url: "partner-client" });
    expect(await checkServerProfile(owner, server.name, "1.0.0", { client_profile_url: withCert.name })).toMatchObject({
      ok: true,
      peer_certificates: [{ subject: "CN=api.probe.test" }, { subject: "CN=Test CA" }],
    });
  });

  it("refuses another organization's client profile like a missing one, at client_profile_url", async () => {
    const server = await serverProfile();
    const foreign = await clientProfile(other);
    const refusals = [];
    for (const ref of [foreign.url, `/api/orgs/${world.otherOrg}/tls-client-profiles/${foreign.name}/1.0.0`, "nope:1"])
      refusals.push(
        await checkServerProfile(owner, server.name, "1.0.0", { client_profile_url: ref }).catch((e: unknown) => e),
      );
    for (const refusal of refusals)
      expect(refusal).toMatchObject({
        code: "VALIDATION",
        fieldErrors: [{ field: "client_profile_url", message: expect.stringContaining("No TLS client profile") }],
      });
    // Same words whether or not the profile exists elsewhere, apart from the reference echoed back.
    const words = (e: unknown) => (e as Error).message.replace(/"[^"]*"/, '"…"');
    expect(new Set(refusals.map(words)).size).toBe(1);
    expect(await serverProfileChecks(owner, server.name, "1.0.0")).toEqual([]);
  });
});

describe("tests running at once, counted by the database", () => {
  const release = (claims: (SlotClaim | null)[]) =>
    Promise.all(claims.filter((c): c is SlotClaim => c !== null).map(releaseProbeSlot));

  it("admits no more claims than the limit, however many race for them", async () => {
    const orgId = `race-${++seq}`;
    const claims = await Promise.all(Array.from({ length: 6 }, () => claimProbeSlot(orgId, 2)));
    expect(claims.filter(Boolean)).toHaveLength(2);
    expect(new Set(claims.filter(Boolean).map((c) => c!.slot))).toEqual(new Set([0, 1]));
    await release(claims);
    expect(await claimProbeSlot(orgId, 2)).not.toBeNull();
  });

  it("reclaims a slot whose lease lapsed (an instance that crashed), and only then", async () => {
    const orgId = `crash-${++seq}`;
    const now = Date.now();
    const crashed = await claimProbeSlot(orgId, 1, now);
    expect(crashed).not.toBeNull();
    expect(await claimProbeSlot(orgId, 1, now + LEASE_MS - 1)).toBeNull();
    const next = await claimProbeSlot(orgId, 1, now + LEASE_MS);
    expect(next).toMatchObject({ slot: 0 });
    // The crashed holder's late release cannot free the slot its successor holds.
    await releaseProbeSlot(crashed!);
    expect(await claimProbeSlot(orgId, 1, now + LEASE_MS)).toBeNull();
    await releaseProbeSlot(next!);
  });

  it("refuses a test beyond PROBE_CONCURRENCY with 429 in words, and runs again once a slot is free", async () => {
    vi.stubEnv("OUTBOUND_ALLOW", "127.0.0.0/8");
    vi.stubEnv("PROBE_CONCURRENCY", "2");
    const profile = await clientProfile(owner);
    const port = await closedPort();
    const held = [await claimProbeSlot(owner.org.id, 2), await claimProbeSlot(owner.org.id, 2)];
    const res = await testRoute.POST(
      request("POST", "/x", { bearer: world.users.owner.apiKey }, { host: "127.0.0.1", port }),
      routeCtx({ org: world.org, name: profile.name, version: "1.0.0" }),
    );
    expect(res.status).toBe(429);
    expect((await res.json()).message).toBe(
      `2 tests are already running in ${world.org}; try again when one finishes.`,
    );
    await release(held);
    await expect(testClientProfile(owner, profile.name, "1.0.0", { host: "127.0.0.1", port })).resolves.toMatchObject({
      code: "refused",
    });
    // The test gave its slot back.
    expect(await db().probeSlot.count({ where: { orgId: owner.org.id } })).toBe(0);
  });
});
