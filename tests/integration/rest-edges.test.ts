import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as clientProfiles from "@/app/api/orgs/[org]/tls-client-profiles/route";
import * as keystores from "@/app/api/orgs/[org]/keystores/route";
import * as truststores from "@/app/api/orgs/[org]/truststores/route";
import * as truststore from "@/app/api/orgs/[org]/truststores/[name]/route";
import { MAX_JSON_BODY_BYTES, MAX_UPLOAD_BYTES } from "@/lib/crypto/limits";
import { publicUrl, SESSION_COOKIE } from "@/lib/server/platform/config";
import { db } from "@/lib/server/platform/db";
import { ctx, request, type Auth } from "../helpers/http";
import { testCa } from "../helpers/pki";
import { dbSnapshot } from "../helpers/snapshot";
import { buildWorld } from "../helpers/world";

let world: Awaited<ReturnType<typeof buildWorld>>;
let session: Auth;
let bearer: Auth;
beforeAll(async () => {
  world = await buildWorld();
  session = { session: world.users.owner.session };
  bearer = { bearer: world.users.owner.apiKey };
});
const org = () => ctx({ org: world.org });
const profile = (title: string) => ({
  title,
  version: "1.0.0",
  protocols: ["tls_v1.3"],
  ciphers: ["TLS_AES_256_GCM_SHA384"],
});

describe("REST writes signed in with a browser session need the console's Origin", () => {
  it("refuses a session POST without Origin or from another site with 403, and writes nothing", async () => {
    const before = await dbSnapshot();
    for (const origin of ["", "https://evil.example", `${publicUrl()}.evil.example`]) {
      const headers = new Headers({ cookie: `${SESSION_COOKIE}=${world.users.owner.session}` });
      headers.set("content-type", "application/json");
      if (origin) headers.set("origin", origin);
      const res = await clientProfiles.POST(
        new Request("http://localhost/x", { method: "POST", headers, body: JSON.stringify(profile("Forged")) }),
        org(),
      );
      expect(res.status).toBe(403);
      expect((await res.json()).message).toContain("console's pages");
    }
    expect(await dbSnapshot()).toEqual(before);
  });

  it("refuses a session DELETE from another site; accepts the console's own Origin", async () => {
    await truststores.POST(request("POST", "/x", bearer, { title: "Kept", truststore: testCa.certPem }), org());
    const params = ctx({ org: world.org, name: "kept" });
    const forged = await truststore.DELETE(
      request("DELETE", "/x", session, undefined, { origin: "https://evil.example" }),
      params,
    );
    expect(forged.status).toBe(403);
    expect(await db().truststore.count({ where: { name: "kept" } })).toBe(1);
    const own = await clientProfiles.POST(request("POST", "/x", session, profile("From the console")), org());
    expect(own.status).toBe(201);
  });

  it("lets a session read without Origin, and a bearer key write without it", async () => {
    const read = await clientProfiles.GET(
      new Request("http://localhost/x", { headers: { cookie: `${SESSION_COOKIE}=${world.users.owner.session}` } }),
      org(),
    );
    expect(read.status).toBe(200);
    const res = await clientProfiles.POST(request("POST", "/x", bearer, profile("Scripted")), org());
    expect(res.status).toBe(201);
  });
});

describe("malformed percent-escapes answer 4xx", () => {
  it("treats a session cookie that does not decode as no session (401)", async () => {
    const res = await clientProfiles.GET(
      new Request("http://localhost/x", { headers: { cookie: `${SESSION_COOKIE}=%E0%A4%A` } }),
      org(),
    );
    expect(res.status).toBe(401);
  });

  it("refuses a keystore_url with a malformed escape at its field (422)", async () => {
    const res = await clientProfiles.POST(
      request("POST", "/x", bearer, {
        ...profile("Bad ref"),
        keystore_url: `http://localhost/api/orgs/${world.org}/keystores/%E0%A4%A`,
      }),
      org(),
    );
    expect(res.status).toBe(422);
    expect((await res.json()).errors).toEqual([expect.objectContaining({ field: "keystore_url" })]);
  });
});

describe("body limits: 1 MB per decoded file, counted while the body streams", () => {
  const p12Body = (bytes: number, lineBreaks = false) => {
    const b64 = randomBytes(bytes).toString("base64");
    return { title: "Big P12", pkcs12: lineBreaks ? b64.replace(/.{76}/g, "$&\r\n") : b64, password: "x" };
  };

  it("takes a 1 MB file as base64 (with or without MIME line breaks) to the file reader, not a 413", async () => {
    for (const lineBreaks of [false, true]) {
      const res = await keystores.POST(request("POST", "/x", bearer, p12Body(MAX_UPLOAD_BYTES, lineBreaks)), org());
      expect(res.status).toBe(422);
      const json = await res.json();
      expect(json.errors).toEqual([expect.objectContaining({ field: "pkcs12" })]);
      expect(json.message).not.toContain("larger than");
    }
  });

  it("refuses a decoded file of 1 MB + 1 byte at its field", async () => {
    const res = await keystores.POST(request("POST", "/x", bearer, p12Body(MAX_UPLOAD_BYTES + 1)), org());
    expect(res.status).toBe(413);
    expect((await res.json()).errors).toEqual([
      expect.objectContaining({ field: "pkcs12", message: expect.stringContaining("1 MB") }),
    ]);
  });

  it("counts the body as it arrives: a lying Content-Length does not let a large body through", async () => {
    const before = await dbSnapshot();
    const body = JSON.stringify({ ...profile("Liar"), summary: "x".repeat(MAX_JSON_BODY_BYTES) });
    const res = await clientProfiles.POST(
      request("POST", "/x", bearer, body, { "content-type": "application/json", "content-length": "100" }),
      org(),
    );
    expect(res.status).toBe(413);
    expect(await dbSnapshot()).toEqual(before);
  });

  it("stops reading a chunked body at the limit (413) without pulling the rest", async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const chunks = Math.ceil(MAX_JSON_BODY_BYTES / chunk.byteLength) + 100;
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled++ < chunks) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const req = new Request("http://localhost/x", {
      method: "POST",
      headers: { authorization: `Bearer ${world.users.owner.apiKey}`, "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit & { duplex: "half" });
    const res = await clientProfiles.POST(req, org());
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThan(chunks);
  });
});
