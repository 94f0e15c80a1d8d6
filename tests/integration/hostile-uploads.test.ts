import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as keystores from "@/app/api/orgs/[org]/keystores/route";
import { UPLOAD_LIMITS } from "@/lib/crypto/budget";
import { db } from "@/lib/server/platform/db";
import { pfx } from "../helpers/hostile-uploads";
import { ctx, request, type Auth } from "../helpers/http";
import { leaf } from "../helpers/pki";
import { buildWorld } from "../helpers/world";

/** The reproduction through the REST API: hostile uploads are refused at their field and stall no one. */
let world: Awaited<ReturnType<typeof buildWorld>>;
let auth: Auth;
beforeAll(async () => {
  world = await buildWorld();
  auth = { bearer: world.users.owner.apiKey };
});
const org = () => ctx({ org: world.org });
const stored = async () => (await db().keystore.findMany({ where: { org: { name: world.org } } })).length;
const base64 = (b: Buffer) => b.toString("base64");

describe("hostile uploads through the REST API", () => {
  it("refuses an encrypted PKCS#8 key asking 5,000,000 PBKDF2 rounds: 422 at the key field, nothing stored", async () => {
    const fixture = readFileSync(path.resolve(__dirname, "../vectors/own/pbkdf2-5m-rounds.pem"), "utf8");
    const [keyPem, certPem] = fixture.split(/(?=-----BEGIN CERTIFICATE-----)/);
    const before = await stored();
    const res = await keystores.POST(
      request("POST", "/x", auth, { title: "Hostile", private_key: keyPem, certificate: certPem, password: "hostile" }),
      org(),
    );
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.errors).toEqual([
      { field: "private_key", message: expect.stringContaining("needs too much work to open") },
    ]);
    expect(await stored()).toBe(before);
  });

  it("refuses a PKCS#12 whose bags together exceed the upload's work budget, at the pkcs12 field", async () => {
    const pair = leaf("bags.test");
    const bags = Math.floor(UPLOAD_LIMITS.work / 500_000) + 1;
    const bytes = pfx({
      key: pair.privateKey,
      certPem: pair.certPem,
      password: "pw",
      keyBags: bags,
      iterations: 500_000,
    });
    const before = await stored();
    const res = await keystores.POST(
      request("POST", "/x", auth, { title: "Bags", pkcs12: base64(bytes), password: "pw" }),
      org(),
    );
    expect(res.status).toBe(422);
    expect((await res.json()).errors).toEqual([
      { field: "pkcs12", message: expect.stringContaining("needs too much work to open") },
    ]);
    expect(await stored()).toBe(before);
  }, 30_000);

  it("answers a list request promptly while the heaviest accepted upload is being opened", async () => {
    const pair = leaf("heavy.test");
    const bytes = pfx({ key: pair.privateKey, certPem: pair.certPem, password: "pw", keyBags: 2, iterations: 500_000 });
    const uploadStart = performance.now();
    const upload = keystores.POST(
      request("POST", "/x", auth, { title: "Heavy", pkcs12: base64(bytes), password: "pw" }),
      org(),
    );
    // Lists keep coming while the upload runs; on the request thread, one of them would wait for all of it.
    let uploading = true;
    const listMs: number[] = [];
    const lists = (async () => {
      while (uploading) {
        const start = performance.now();
        const list = await keystores.GET(request("GET", "/x", auth), org());
        expect(list.status).toBe(200);
        listMs.push(performance.now() - start);
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    const res = await upload;
    uploading = false;
    await lists;
    expect(res.status).toBe(201);
    const uploadMs = performance.now() - uploadStart;
    expect(listMs.length).toBeGreaterThan(1);
    // Relative, so a loaded machine slows both sides alike.
    expect(Math.max(...listMs)).toBeLessThan(uploadMs / 2);
  }, 30_000);
});
