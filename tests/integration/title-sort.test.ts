import { beforeAll, describe, expect, it } from "vitest";
import * as clientProfiles from "@/app/api/orgs/[org]/tls-client-profiles/route";
import * as serverProfiles from "@/app/api/orgs/[org]/tls-server-profiles/route";
import * as keystores from "@/app/api/orgs/[org]/keystores/route";
import * as keystore from "@/app/api/orgs/[org]/keystores/[name]/route";
import * as truststores from "@/app/api/orgs/[org]/truststores/route";
import { ctx, request, type Auth } from "../helpers/http";
import { leaf, testCa } from "../helpers/pki";
import { buildWorld } from "../helpers/world";

let world: Awaited<ReturnType<typeof buildWorld>>;
let auth: Auth;
const org = () => ctx({ org: world.org });
const profile = (title: string) => ({
  title,
  version: "1.0.0",
  protocols: ["tls_v1.3"],
  ciphers: ["TLS_AES_256_GCM_SHA384"],
});
// Upper case sorts before lower case in a byte-wise collation (SQLite's default): the defect this guards against.
const TITLES = ["Temporary token", "access_token signing", "Beta", "zeta"];
const SORTED = ["access_token signing", "Beta", "Temporary token", "zeta"];

beforeAll(async () => {
  world = await buildWorld();
  auth = { bearer: world.users.owner.apiKey };
  for (const title of TITLES) {
    const pair = leaf(`${title.replace(/\W/g, "")}.test`);
    expect(
      (await keystores.POST(request("POST", "/x", auth, { title, keystore: pair.keyPem + pair.certPem }), org()))
        .status,
    ).toBe(201);
    expect(
      (await truststores.POST(request("POST", "/x", auth, { title, truststore: testCa.certPem }), org())).status,
    ).toBe(201);
    expect((await clientProfiles.POST(request("POST", "/x", auth, profile(title)), org())).status).toBe(201);
    const server = { ...profile(title), keystore_url: TITLES[0].toLowerCase().replace(/\W+/g, "-") };
    expect((await serverProfiles.POST(request("POST", "/x", auth, server), org())).status).toBe(201);
  }
});

const titles = async (list: typeof keystores.GET, sort: string) => {
  const res = await list(request("GET", `/x?sort=${sort}&limit=100`, auth), org());
  return ((await res.json()).results as { title: string }[]).map((r) => r.title);
};

describe("titles sort case-insensitively on every list", () => {
  for (const [kind, list] of [
    ["keystores", keystores.GET],
    ["truststores", truststores.GET],
    ["client profiles", clientProfiles.GET],
    ["server profiles", serverProfiles.GET],
  ] as const)
    it(kind, async () => {
      expect(await titles(list, "title")).toEqual(SORTED);
      expect(await titles(list, "-title")).toEqual([...SORTED].reverse());
    });

  it("keeps the order after a title is edited", async () => {
    const res = await keystore.PATCH(
      request("PATCH", "/x", auth, { title: "alpha" }),
      ctx({ org: world.org, name: "zeta" }),
    );
    expect(res.status).toBe(200);
    expect(await titles(keystores.GET, "title")).toEqual(["access_token signing", "alpha", "Beta", "Temporary token"]);
  });
});
