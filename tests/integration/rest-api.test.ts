import { beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/orgs/[org]/tls-client-profiles/route";
import * as byName from "@/app/api/orgs/[org]/tls-client-profiles/[name]/route";
import * as byVersion from "@/app/api/orgs/[org]/tls-client-profiles/[name]/[version]/route";
import { MAX_JSON_BODY_BYTES } from "@/lib/crypto/limits";
import { ctx, request } from "../helpers/http";
import { dbSnapshot } from "../helpers/snapshot";
import { buildWorld } from "../helpers/world";

let world: Awaited<ReturnType<typeof buildWorld>>;
let auth: { bearer: string };
let path: string;
beforeAll(async () => {
  world = await buildWorld();
  auth = { bearer: world.users.owner.apiKey };
  path = `/api/orgs/${world.org}/tls-client-profiles`;
});

const body = {
  title: "Partner mTLS",
  version: "1.0.0",
  protocols: ["tls_v1.2"],
  ciphers: ["ECDHE_RSA_WITH_AES_256_GCM_SHA384"],
};
const post = (b: unknown, headers?: Record<string, string>) =>
  collection.POST(request("POST", path, auth, b, headers), ctx({ org: world.org }));

describe("REST API: TLS client profiles", () => {
  it("creates (201) with API Connect field names and a Location", async () => {
    const res = await post(body);
    expect(res.status).toBe(201);
    const json = await res.json();
    expect(json).toMatchObject({
      type: "tls_client_profile",
      name: "partner-mtls",
      version: "1.0.0",
      protocols: ["tls_v1.2"],
      insecure_server_connections: false,
      server_name_indication: true,
    });
    expect(res.headers.get("location")).toBe(json.url);
    expect(json).toHaveProperty("created_at");
  });

  it("lists with paging metadata, and reads all versions of a name and one version", async () => {
    await post({ ...body, version: "1.0.1" });
    const list = await collection.GET(request("GET", `${path}?sort=-version&limit=1`, auth), ctx({ org: world.org }));
    expect(await list.json()).toMatchObject({ total_results: 2, results: [{ version: "1.0.1" }] });
    const versions = await byName.GET(
      request("GET", `${path}/partner-mtls`, auth),
      ctx({ org: world.org, name: "partner-mtls" }),
    );
    expect((await versions.json()).results.map((r: { version: string }) => r.version)).toEqual(["1.0.0", "1.0.1"]);
    const one = await byVersion.GET(
      request("GET", `${path}/partner-mtls/1.0.0`, auth),
      ctx({ org: world.org, name: "partner-mtls", version: "1.0.0" }),
    );
    expect(one.status).toBe(200);
    expect(one.headers.get("etag")).toBe('"1"');
  });

  it("answers 400 for malformed JSON and a wrong content type", async () => {
    const before = await dbSnapshot();
    const bad = await post("{not json");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ status: 400, message: expect.stringContaining("JSON"), errors: [] });
    expect((await post(JSON.stringify(body), { "content-type": "text/plain" })).status).toBe(400);
    expect(await dbSnapshot()).toEqual(before);
  });

  it("answers 413 for a body over the JSON body limit", async () => {
    const before = await dbSnapshot();
    const res = await post({ ...body, summary: "x".repeat(MAX_JSON_BODY_BYTES) });
    expect(res.status).toBe(413);
    expect(await dbSnapshot()).toEqual(before);
  });

  it("answers 422 naming each field and the allowed values", async () => {
    const before = await dbSnapshot();
    const res = await post({ ...body, version: "2", protocols: ["ssl_v3"], insecure_server_connections: "no" });
    expect(res.status).toBe(422);
    const json = await res.json();
    expect(json.status).toBe(422);
    expect(json.errors).toEqual(
      expect.arrayContaining([
        { field: "protocols.0", message: "must be one of: tls_v1.0, tls_v1.1, tls_v1.2, tls_v1.3" },
        expect.objectContaining({ field: "insecure_server_connections" }),
      ]),
    );
    expect(await dbSnapshot()).toEqual(before);
  });

  it("answers 409 on a (name, version) clash, with the version field named", async () => {
    const before = await dbSnapshot();
    const res = await post(body);
    expect(res.status).toBe(409);
    expect((await res.json()).errors[0].field).toBe("version");
    expect(await dbSnapshot()).toEqual(before);
  });

  it("patches, honours If-Match, and refuses a stale one with 409", async () => {
    const params = ctx({ org: world.org, name: "partner-mtls", version: "1.0.0" });
    const ok = await byVersion.PATCH(
      request("PATCH", `${path}/partner-mtls/1.0.0`, auth, { summary: "edited" }, { "if-match": '"1"' }),
      params,
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get("etag")).toBe('"2"');
    const before = await dbSnapshot();
    const stale = await byVersion.PATCH(
      request("PATCH", `${path}/partner-mtls/1.0.0`, auth, { summary: "lost" }, { "if-match": '"1"' }),
      params,
    );
    expect(stale.status).toBe(409);
    expect((await stale.json()).message).toContain("changed by");
    expect(await dbSnapshot()).toEqual(before);
  });

  it("refuses renaming through PATCH but accepts echoed read-only fields", async () => {
    const params = ctx({ org: world.org, name: "partner-mtls", version: "1.0.1" });
    const current = await (await byVersion.GET(request("GET", `${path}/partner-mtls/1.0.1`, auth), params)).json();
    const echoed = await byVersion.PATCH(
      request("PATCH", `${path}/partner-mtls/1.0.1`, auth, { ...current, title: "Renamed title" }),
      params,
    );
    expect(echoed.status).toBe(200);
    const renamed = await byVersion.PATCH(
      request("PATCH", `${path}/partner-mtls/1.0.1`, auth, { name: "other" }),
      params,
    );
    expect(renamed.status).toBe(422);
  });

  it("answers 404 for an unknown profile and deletes with 204", async () => {
    const missing = await byVersion.GET(
      request("GET", `${path}/nope/1.0.0`, auth),
      ctx({ org: world.org, name: "nope", version: "1.0.0" }),
    );
    expect(missing.status).toBe(404);
    const params = ctx({ org: world.org, name: "partner-mtls", version: "1.0.1" });
    expect((await byVersion.DELETE(request("DELETE", `${path}/partner-mtls/1.0.1`, auth), params)).status).toBe(204);
    expect((await byVersion.GET(request("GET", `${path}/partner-mtls/1.0.1`, auth), params)).status).toBe(404);
  });

  it("answers 422 for a bad list query", async () => {
    const res = await collection.GET(request("GET", `${path}?sort=password`, auth), ctx({ org: world.org }));
    expect(res.status).toBe(422);
  });
});
