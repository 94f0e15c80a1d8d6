import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as keystores from "@/app/api/orgs/[org]/keystores/route";
import * as keystore from "@/app/api/orgs/[org]/keystores/[name]/route";
import * as chain from "@/app/api/orgs/[org]/keystores/[name]/chain.pem/route";
import * as material from "@/app/api/orgs/[org]/keystores/[name]/material/route";
import * as truststores from "@/app/api/orgs/[org]/truststores/route";
import * as serverProfiles from "@/app/api/orgs/[org]/tls-server-profiles/route";
import * as clientProfiles from "@/app/api/orgs/[org]/tls-client-profiles/route";
import { ensureDefaults } from "@/lib/server/install/defaults";
import { ctx, request, type Auth } from "../helpers/http";
import { contextFor } from "../helpers/org-context";
import { leaf, testCa } from "../helpers/pki";
import { buildWorld } from "../helpers/world";

let world: Awaited<ReturnType<typeof buildWorld>>;
let auth: Auth;
const p12 = readFileSync(path.resolve(__dirname, "../vectors/pkcs12/pbes2-aes128.p12")).toString("base64");
beforeAll(async () => {
  world = await buildWorld();
  auth = { bearer: world.users.owner.apiKey };
});
const org = () => ctx({ org: world.org });

describe("REST API: keystores, truststores, server profiles", () => {
  it("creates a keystore from key + certificate, serves details and the public chain, never the key", async () => {
    const pair = leaf("rest.test");
    const res = await keystores.POST(
      request("POST", "/x", auth, {
        title: "REST keystore",
        private_key: pair.keyPem,
        certificate: pair.certPem + testCa.certPem,
      }),
      org(),
    );
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ name: "rest-keystore", key_type: "EC P-256", subject: "CN=rest.test" });
    expect(JSON.stringify(body)).not.toContain("PRIVATE KEY");
    const pem = await (
      await chain.GET(request("GET", "/x", auth), ctx({ org: world.org, name: "rest-keystore" }))
    ).text();
    expect(pem).toBe(pair.certPem + testCa.certPem);
  });

  it("reads a password-protected PKCS#12 sent as base64, and names a wrong password at its field", async () => {
    const wrong = await keystores.POST(
      request("POST", "/x", auth, { title: "P12", pkcs12: p12, password: "nope" }),
      org(),
    );
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).errors).toEqual([expect.objectContaining({ field: "password" })]);
    const ok = await keystores.POST(
      request("POST", "/x", auth, { title: "P12", pkcs12: p12, password: "rHyQTJsubhfxcpH5JttyilHE6BBsNoZp" }),
      org(),
    );
    expect(ok.status).toBe(201);
  });

  it("puts a problem at the field that caused it, including a PEM over 1 MB", async () => {
    const stray = leaf("stray.test");
    const mismatch = await keystores.POST(
      request("POST", "/x", auth, { title: "Bad", private_key: stray.keyPem, certificate: leaf("x.test").certPem }),
      org(),
    );
    expect(mismatch.status).toBe(422);
    expect((await mismatch.json()).errors[0].field).toBe("private_key");
    const junk = await keystores.POST(
      request("POST", "/x", auth, {
        title: "Bad",
        keystore: "-----BEGIN CERTIFICATE-----\n!!\n-----END CERTIFICATE-----\n",
      }),
      org(),
    );
    expect((await junk.json()).errors[0].field).toBe("keystore");
    const big = await keystores.POST(
      request("POST", "/x", auth, { title: "Big", keystore: "A".repeat(1024 * 1024 + 10) }),
      org(),
    );
    expect(big.status).toBe(422);
    expect((await big.json()).errors).toEqual([{ field: "keystore", message: "At most 1 MB" }]);
    const neither = await keystores.POST(request("POST", "/x", auth, { title: "None" }), org());
    expect(neither.status).toBe(422);
  });

  it("answers 409 listing dependants when deleting a keystore in use, and 409 for the defaults", async () => {
    const pair = leaf("used.test");
    await keystores.POST(request("POST", "/x", auth, { title: "In use", keystore: pair.keyPem + pair.certPem }), org());
    await truststores.POST(request("POST", "/x", auth, { title: "CA bundle", truststore: testCa.certPem }), org());
    const sp = await serverProfiles.POST(
      request("POST", "/x", auth, {
        title: "Mutual",
        version: "1.0.0",
        protocols: ["tls_v1.3"],
        ciphers: ["TLS_AES_256_GCM_SHA384"],
        keystore_url: `http://localhost/api/orgs/${world.org}/keystores/in-use`,
        truststore_url: "ca-bundle",
        mutual_authentication: "require",
      }),
      org(),
    );
    expect(sp.status).toBe(201);
    const refused = await keystore.DELETE(request("DELETE", "/x", auth), ctx({ org: world.org, name: "in-use" }));
    expect(refused.status).toBe(409);
    expect((await refused.json()).message).toContain("Mutual (mutual:1.0.0)");

    await ensureDefaults(await contextFor(world));
    const protectedKs = await keystore.DELETE(
      request("DELETE", "/x", auth),
      ctx({ org: world.org, name: "tls-server-keystore-default" }),
    );
    expect(protectedKs.status).toBe(409);
    expect((await protectedKs.json()).message).toMatch(/default keystore.*Duplicate/);
    const rotate = await material.PUT(
      request("PUT", "/x", auth, { keystore: pair.keyPem + pair.certPem }),
      ctx({ org: world.org, name: "tls-server-keystore-default" }),
    );
    expect(rotate.status).toBe(409);
  });

  it("client profiles take keystore_url and truststore_url and echo them as URLs", async () => {
    const res = await clientProfiles.POST(
      request("POST", "/x", auth, {
        title: "With stores",
        version: "1.0.0",
        protocols: ["tls_v1.3"],
        ciphers: ["TLS_AES_256_GCM_SHA384"],
        truststore_url: "ca-bundle",
      }),
      org(),
    );
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      keystore_url: null,
      truststore_url: expect.stringMatching(/\/truststores\/ca-bundle$/),
    });
    const unknown = await clientProfiles.POST(
      request("POST", "/x", auth, {
        title: "Dangling",
        version: "1.0.0",
        protocols: ["tls_v1.3"],
        ciphers: ["TLS_AES_256_GCM_SHA384"],
        keystore_url: "nope",
      }),
      org(),
    );
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).errors[0]).toMatchObject({ field: "keystore_url" });
  });
});
