import { beforeAll, describe, expect, it, vi } from "vitest";
import * as presets from "@/app/api/tls-presets/route";
import * as clientCollection from "@/app/api/orgs/[org]/tls-client-profiles/route";
import * as clientOne from "@/app/api/orgs/[org]/tls-client-profiles/[name]/[version]/route";
import * as serverCollection from "@/app/api/orgs/[org]/tls-server-profiles/route";
import * as keystores from "@/app/api/orgs/[org]/keystores/route";
import * as keystore from "@/app/api/orgs/[org]/keystores/[name]/route";
import * as truststores from "@/app/api/orgs/[org]/truststores/route";
import * as truststore from "@/app/api/orgs/[org]/truststores/[name]/route";
import { issue } from "@/lib/crypto/pki";
import { db } from "@/lib/server/platform/db";
import { presetById, TLS_PRESETS } from "@/lib/tls/presets";
import { ctx, request, type Auth } from "../helpers/http";
import { leaf, testCa } from "../helpers/pki";
import { buildWorld } from "../helpers/world";

let world: Awaited<ReturnType<typeof buildWorld>>;
let auth: Auth;
beforeAll(async () => {
  world = await buildWorld();
  auth = { bearer: world.users.owner.apiKey };
});
const org = () => ctx({ org: world.org });
const codes = (body: { findings: { code: string }[] }) => body.findings.map((f) => f.code);
const postClient = (body: unknown) => clientCollection.POST(request("POST", "/x", auth, body), org());
const profileCount = () => db().tlsClientProfile.count();

describe("GET /api/tls-presets", () => {
  it("lists every preset with its protocols and ciphers, for any signed-in user or key", async () => {
    for (const a of [{ bearer: world.users.member.apiKey }, { session: world.users.otherOrgAdmin.session }]) {
      const res = await presets.GET(request("GET", "/api/tls-presets", a));
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.total_results).toBe(TLS_PRESETS.length);
      expect(body.results[0]).toEqual({ ...TLS_PRESETS[0], weak_ciphers: [] });
      expect(body.results.find((p: { id: string }) => p.id === "legacy-compatibility")).toMatchObject({
        legacy: true,
        weak_ciphers: expect.arrayContaining(["RSA_WITH_AES_128_CBC_SHA"]),
      });
    }
  });

  it("answers 401 without credentials", async () => {
    const res = await presets.GET(request("GET", "/api/tls-presets", null));
    expect(res.status).toBe(401);
    expect(res.headers.get("x-request-id")).toBeTruthy();
  });
});

describe("preset shortcut on create and patch", () => {
  it("stores the preset's explicit lists", async () => {
    const res = await postClient({ title: "Preset client", version: "1.0.0", preset: "mozilla-intermediate-6.0" });
    expect(res.status).toBe(201);
    const body = await res.json();
    const p = presetById("mozilla-intermediate-6.0")!;
    expect(body).toMatchObject({ protocols: p.protocols, ciphers: p.ciphers, findings: [] });
    expect(body).not.toHaveProperty("preset");
    const row = await db().tlsClientProfile.findFirstOrThrow({ where: { name: "preset-client" } });
    expect(row.ciphers).toBe(p.ciphers.join(","));
  });

  it("refuses a preset with explicit lists (422, in words) and an unknown preset (422 at preset); nothing stored", async () => {
    const before = await profileCount();
    const both = await postClient({ title: "Both", version: "1", preset: "modern-2026", protocols: ["tls_v1.3"] });
    expect(both.status).toBe(422);
    expect((await both.json()).errors).toEqual([{ field: "preset", message: expect.stringMatching(/not both/) }]);
    const unknown = await postClient({ title: "Unknown", version: "1", preset: "modern-1999" });
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).errors[0]).toMatchObject({ field: "preset" });
    expect(await profileCount()).toBe(before);
  });

  it("patch with a preset replaces both lists", async () => {
    await postClient({ title: "Patched", version: "1.0.0", preset: "legacy-compatibility" });
    const params = ctx({ org: world.org, name: "patched", version: "1.0.0" });
    const res = await clientOne.PATCH(request("PATCH", "/x", auth, { preset: "modern-2026" }), params);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ protocols: ["tls_v1.3"], ciphers: presetById("modern-2026")!.ciphers });
    const bad = await clientOne.PATCH(request("PATCH", "/x", auth, { preset: "x" }), params);
    expect(bad.status).toBe(422);
  });

  it("works for server profiles too", async () => {
    const pair = leaf("preset.server.test", "server");
    await keystores.POST(
      request("POST", "/x", auth, { title: "Preset server ks", private_key: pair.keyPem, certificate: pair.certPem }),
      org(),
    );
    const res = await serverCollection.POST(
      request("POST", "/x", auth, {
        title: "Preset server",
        version: "1.0.0",
        preset: "apic-default",
        keystore_url: "preset-server-ks",
      }),
      org(),
    );
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ protocols: presetById("apic-default")!.protocols, findings: [] });
  });
});

describe("findings and DataPower names on REST objects", () => {
  it("a client profile carries its findings and gateway names in list and single responses", async () => {
    await postClient({
      title: "Risky",
      version: "2.0",
      protocols: ["tls_v1.1", "tls_v1.2"],
      ciphers: ["RSA_WITH_AES_128_CBC_SHA"],
      insecure_server_connections: true,
      server_name_indication: false,
    });
    const one = await (
      await clientOne.GET(request("GET", "/x", auth), ctx({ org: world.org, name: "risky", version: "2.0" }))
    ).json();
    expect(codes(one)).toEqual([
      "cipher.no_forward_secrecy",
      "client.insecure_server_connections",
      "cipher.tls12_no_aead",
      "cipher.weak_selected",
      "client.sni_disabled",
      "protocol.legacy_enabled",
    ]);
    expect(one.findings[0]).toEqual({
      code: "cipher.no_forward_secrecy",
      severity: "critical",
      message: expect.stringContaining("RSA_WITH_AES_128_CBC_SHA"),
      fix: expect.any(String),
    });
    expect(one.datapower_names).toMatchObject({
      api_gateway: `${world.org}_{catalog}_tlsp-riskyV2.0`,
      v5_compatible_gateway: `${world.org}-riskyV2.0`,
    });
    const list = await (await clientCollection.GET(request("GET", "/x?q=risky", auth), org())).json();
    expect(list.results[0].findings).toEqual(one.findings);
    // A client echoing a GET back may send the read-only fields.
    const echoed = await clientOne.PATCH(
      request("PATCH", "/x", auth, { ...one, summary: "echoed" }),
      ctx({ org: world.org, name: "risky", version: "2.0" }),
    );
    expect(echoed.status).toBe(200);
  });

  it("a profile's keystore without the needed extended key usage is a finding", async () => {
    const serverOnly = leaf("eku.server.test", "server");
    await keystores.POST(
      request("POST", "/x", auth, {
        title: "Server cert",
        private_key: serverOnly.keyPem,
        certificate: serverOnly.certPem + testCa.certPem,
      }),
      org(),
    );
    const clientOnly = leaf("eku.client.test", "client");
    await keystores.POST(
      request("POST", "/x", auth, {
        title: "Client cert",
        private_key: clientOnly.keyPem,
        certificate: clientOnly.certPem + testCa.certPem,
      }),
      org(),
    );
    const wrong = await (
      await postClient({ title: "Wrong ks", version: "1", preset: "modern-2026", keystore_url: "server-cert" })
    ).json();
    expect(codes(wrong)).toEqual(["profile.keystore_lacks_client_auth"]);
    expect(wrong.findings[0].message).toContain("server-cert");
    const right = await (
      await postClient({ title: "Right ks", version: "1", preset: "modern-2026", keystore_url: "client-cert" })
    ).json();
    expect(right.findings).toEqual([]);
    const server = await (
      await serverCollection.POST(
        request("POST", "/x", auth, {
          title: "Wrong server",
          version: "1",
          preset: "modern-2026",
          keystore_url: "client-cert",
        }),
        org(),
      )
    ).json();
    expect(codes(server)).toEqual(["profile.keystore_lacks_server_auth"]);
  });

  it("keystores and truststores carry findings in list, single, create and patch responses", async () => {
    const rsa = issue(new Date(), { commonName: "rsa.test", usage: "server", keyKind: "rsa-2048" }, testCa);
    const created = await keystores.POST(
      request("POST", "/x", auth, {
        title: "RSA ks",
        private_key: rsa.keyPem,
        certificate: rsa.certPem + testCa.certPem,
      }),
      org(),
    );
    expect(codes(await created.json())).toEqual(["keystore.rsa_below_3072"]);
    const single = await (
      await keystore.GET(request("GET", "/x", auth), ctx({ org: world.org, name: "rsa-ks" }))
    ).json();
    expect(codes(single)).toEqual(["keystore.rsa_below_3072"]);
    const patched = await keystore.PATCH(
      request("PATCH", "/x", auth, { summary: "s" }),
      ctx({ org: world.org, name: "rsa-ks" }),
    );
    expect(codes(await patched.json())).toEqual(["keystore.rsa_below_3072"]);
    const ksList = await (await keystores.GET(request("GET", "/x?limit=100", auth), org())).json();
    const byName = new Map(ksList.results.map((k: { name: string; findings: unknown[] }) => [k.name, k.findings]));
    expect(byName.get("rsa-ks")).toEqual(single.findings);
    expect(byName.get("client-cert")).toEqual([]);

    const notCa = leaf("pinned.test", "server");
    const ts = await truststores.POST(
      request("POST", "/x", auth, { title: "Mixed trust", truststore: testCa.certPem + notCa.certPem }),
      org(),
    );
    expect(ts.status).toBe(201);
    expect(codes(await ts.json())).toEqual(["truststore.non_ca_certificate"]);
    const tsOne = await (
      await truststore.GET(request("GET", "/x", auth), ctx({ org: world.org, name: "mixed-trust" }))
    ).json();
    expect(tsOne.findings[0].message).toContain("'pinned.test'");
    const tsList = await (await truststores.GET(request("GET", "/x?q=mixed", auth), org())).json();
    expect(tsList.results[0].findings).toEqual(tsOne.findings);
  });

  it("a page of stores gets its findings from one certificate query, however many rows it holds", async () => {
    const certificateReads = vi.spyOn(db().certificate, "findMany");
    const list = await (await keystores.GET(request("GET", "/x?limit=100", auth), org())).json();
    expect(list.results.length).toBeGreaterThanOrEqual(4);
    expect(certificateReads).toHaveBeenCalledTimes(1);
    certificateReads.mockRestore();
  });
});
