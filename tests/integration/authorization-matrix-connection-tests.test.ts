import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as testRoute from "@/app/api/orgs/[org]/tls-client-profiles/[name]/[version]/test/route";
import * as testsRoute from "@/app/api/orgs/[org]/tls-client-profiles/[name]/[version]/tests/route";
import * as checkRoute from "@/app/api/orgs/[org]/tls-server-profiles/[name]/[version]/check/route";
import * as checksRoute from "@/app/api/orgs/[org]/tls-server-profiles/[name]/[version]/checks/route";
import { checkServerProfileAction, testClientProfileAction } from "@/app/actions/connection-tests";
import { db } from "@/lib/server/platform/db";
import { createClientProfile } from "@/lib/server/profiles/client-profiles";
import { createServerProfile } from "@/lib/server/profiles/server-profiles";
import { createKeystore } from "@/lib/server/stores/keystores";
import { DEFAULT_CIPHERS } from "@/lib/tls/ciphers";
import { ctx, request, type Auth } from "../helpers/http";
import { closeLoopbackServers, onLoopback } from "../helpers/loopback";
import { contextFor } from "../helpers/org-context";
import { keystoreUpload, leaf } from "../helpers/pki";
import { actAs } from "../helpers/request-state";
import { whoMay } from "../helpers/who-may";
import { buildWorld, PRINCIPALS, type Principal } from "../helpers/world";

type Who = Principal | "anonymous" | "revokedKey" | "expiredKey" | "elsewhereKey";
const EVERYONE: Who[] = [...PRINCIPALS, "anonymous", "revokedKey", "expiredKey", "elsewhereKey"];
const UNAUTHENTICATED: Who[] = ["anonymous", "revokedKey", "expiredKey"];

let world: Awaited<ReturnType<typeof buildWorld>>;
/** A loopback port nothing listens on: an admitted test ends at once, refused, and is kept like any result. */
let port: number;
let seq = 0;

beforeAll(async () => {
  process.env.OUTBOUND_ALLOW = "127.0.0.0/8";
  world = await buildWorld();
  const owner = await contextFor(world, "owner");
  await createKeystore(owner, { title: "Matrix server", name: "matrix-server" }, keystoreUpload(leaf("matrix.test")));
  const closed = createServer();
  port = await onLoopback(closed);
  await new Promise<void>((resolve) => closed.close(() => resolve()));
});
afterAll(async () => {
  delete process.env.OUTBOUND_ALLOW;
  await closeLoopbackServers();
});

const state = async () => ({
  tests: await db().connectionTest.findMany({ orderBy: { id: "asc" } }),
  slots: await db().probeSlot.count(),
  audit: await db().auditEvent.count(),
});

/** A fresh client and server profile per case, so every admitted run has its own history. */
async function target() {
  const owner = await contextFor(world, "owner");
  const n = ++seq;
  const base = { version: "1.0.0", protocols: ["tls_v1.2", "tls_v1.3"], ciphers: DEFAULT_CIPHERS };
  const client = await createClientProfile(owner, { ...base, title: `Matrix client ${n}` });
  const server = await createServerProfile(owner, {
    ...base,
    title: `Matrix server ${n}`,
    keystore_url: "matrix-server",
  });
  return { client: client.name, server: server.name };
}
type Target = Awaited<ReturnType<typeof target>>;

function restAuth(who: Who): Auth {
  if (who === "anonymous") return null;
  if (who === "revokedKey") return { bearer: world.revokedKey };
  if (who === "expiredKey") return { bearer: world.expiredKey };
  if (who === "elsewhereKey") return { bearer: world.elsewhereKey };
  return seq % 2 === 0 ? { bearer: world.users[who].apiKey } : { session: world.users[who].session };
}

const at = (name: string) => ctx({ org: world.org, name, version: "1.0.0" });
const testBody = () => ({ host: "127.0.0.1", port });
const checkBody = (t: Target) => ({ client_profile_url: `${t.client}:1.0.0` });

type RestCase = { name: string; allowed: Who[]; call: (a: Auth, t: Target) => Promise<Response> };
const REST: RestCase[] = [
  {
    name: "POST tls-client-profiles/{name}/{version}/test",
    allowed: whoMay("testClientProfile"),
    call: (a, t) => testRoute.POST(request("POST", "/x", a, testBody()), at(t.client)),
  },
  {
    name: "GET tls-client-profiles/{name}/{version}/tests",
    allowed: whoMay("viewConnectionTests"),
    call: (a, t) => testsRoute.GET(request("GET", "/x", a), at(t.client)),
  },
  {
    name: "POST tls-server-profiles/{name}/{version}/check",
    allowed: whoMay("checkServerProfile"),
    call: (a, t) => checkRoute.POST(request("POST", "/x", a, checkBody(t)), at(t.server)),
  },
  {
    name: "GET tls-server-profiles/{name}/{version}/checks",
    allowed: whoMay("viewConnectionTests"),
    call: (a, t) => checksRoute.GET(request("GET", "/x", a), at(t.server)),
  },
];

describe.each(REST)("REST $name", ({ allowed, call }) => {
  it.each(EVERYONE)("%s", async (who) => {
    const t = await target();
    const before = await state();
    const res = await call(restAuth(who), t);
    if (allowed.includes(who)) {
      expect(res.status, await res.clone().text()).toBe(200);
      return;
    }
    expect(res.status).toBe(UNAUTHENTICATED.includes(who) ? 401 : 403);
    expect(await res.json()).toMatchObject({ status: res.status, errors: [] });
    expect(await state()).toEqual(before);
  });
});

type ActionCase = { name: string; allowed: Who[]; call: (t: Target) => Promise<{ ok: boolean; code?: string }> };
const ACTIONS: ActionCase[] = [
  {
    name: "testClientProfile",
    allowed: whoMay("testClientProfile"),
    call: (t) => testClientProfileAction(world.org, { name: t.client, version: "1.0.0" }, testBody()),
  },
  {
    name: "checkServerProfile",
    allowed: whoMay("checkServerProfile"),
    call: (t) => checkServerProfileAction(world.org, { name: t.server, version: "1.0.0" }, checkBody(t)),
  },
];

describe.each(ACTIONS)("server action $name", ({ allowed, call }) => {
  it.each([...PRINCIPALS, "anonymous"] as Who[])("%s", async (who) => {
    const t = await target();
    actAs(who === "anonymous" ? undefined : world.users[who as Principal].session);
    const before = await state();
    const result = await call(t);
    if (allowed.includes(who)) {
      expect(result).toMatchObject({ ok: true });
      expect((await state()).tests).toHaveLength(before.tests.length + 1);
      return;
    }
    expect(result).toMatchObject({ ok: false, code: who === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN" });
    expect(await state()).toEqual(before);
  });
});

describe("server actions check what they are given", () => {
  it("refuses a profile reference that is not a name and version, at its field", async () => {
    actAs(world.users.owner.session);
    const result = await testClientProfileAction(
      world.org,
      { name: { contains: "" }, version: "1.0.0" } as unknown as { name: string; version: string },
      testBody(),
    );
    expect(result).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: [{ field: "name" }] });
  });
});
