import { beforeAll, describe, expect, it } from "vitest";
import * as policyRoute from "@/app/api/orgs/[org]/tls-policy/route";
import * as violations from "@/app/api/orgs/[org]/tls-policy/violations/route";
import * as preview from "@/app/api/orgs/[org]/tls-policy/preview/route";
import { previewTlsPolicyAction, saveTlsPolicyAction } from "@/app/actions/tls-policy";
import { db } from "@/lib/server/platform/db";
import { ctx, request, type Auth } from "../helpers/http";
import { actAs } from "../helpers/request-state";
import { whoMay } from "../helpers/who-may";
import { buildWorld, PRINCIPALS, type Principal } from "../helpers/world";

/**
 * Who may read and set the TLS policy (ADR 027): every TLS reader sees it and what breaks it; only owners and
 * administrators (TLS policy: Manage) set it — a custom role with Settings: Manage may not.
 */
type Who = Principal | "anonymous" | "revokedKey" | "expiredKey" | "elsewhereKey";
const EVERYONE: Who[] = [...PRINCIPALS, "anonymous", "revokedKey", "expiredKey", "elsewhereKey"];
const UNAUTHENTICATED: Who[] = ["anonymous", "revokedKey", "expiredKey"];

let world: Awaited<ReturnType<typeof buildWorld>>;
let seq = 0;
beforeAll(async () => {
  world = await buildWorld();
});

const state = async () => ({
  policies: await db().tlsPolicy.findMany({ orderBy: { orgId: "asc" } }),
  audit: await db().auditEvent.count(),
});

function restAuth(who: Who): Auth {
  if (who === "anonymous") return null;
  if (who === "revokedKey") return { bearer: world.revokedKey };
  if (who === "expiredKey") return { bearer: world.expiredKey };
  if (who === "elsewhereKey") return { bearer: world.elsewhereKey };
  return ++seq % 2 === 0 ? { bearer: world.users[who].apiKey } : { session: world.users[who].session };
}

/** A different policy each time, so an allowed save really writes. */
const policyBody = () => ({ minimum_rsa_bits: 2048 + (++seq % 100) * 8, forbid_sni_off: true });
const org = () => ctx({ org: world.org });

type RestCase = { name: string; allowed: Who[]; call: (a: Auth) => Promise<Response> };
const REST: RestCase[] = [
  {
    name: "GET tls-policy",
    allowed: whoMay("viewTlsPolicy"),
    call: (a) => policyRoute.GET(request("GET", "/x", a), org()),
  },
  {
    name: "PUT tls-policy",
    allowed: whoMay("saveTlsPolicy"),
    call: (a) => policyRoute.PUT(request("PUT", "/x", a, policyBody()), org()),
  },
  {
    name: "GET tls-policy/violations",
    allowed: whoMay("viewTlsPolicy"),
    call: (a) => violations.GET(request("GET", "/x", a), org()),
  },
  {
    name: "POST tls-policy/preview",
    allowed: whoMay("viewTlsPolicyPreview"),
    call: (a) => preview.POST(request("POST", "/x", a, policyBody()), org()),
  },
];

describe.each(REST)("REST $name", ({ allowed, call }) => {
  it.each(EVERYONE)("%s", async (who) => {
    const before = await state();
    const res = await call(restAuth(who));
    if (allowed.includes(who)) {
      expect(res.status, await res.clone().text()).toBe(200);
      return;
    }
    expect(res.status).toBe(UNAUTHENTICATED.includes(who) ? 401 : 403);
    expect(await res.json()).toMatchObject({ status: res.status, errors: [] });
    expect(await state()).toEqual(before);
  });
});

type ActionCase = { name: string; allowed: Who[]; call: () => Promise<{ ok: boolean; code?: string }> };
const ACTIONS: ActionCase[] = [
  { name: "saveTlsPolicy", allowed: whoMay("saveTlsPolicy"), call: () => saveTlsPolicyAction(world.org, policyBody()) },
  {
    name: "previewTlsPolicy",
    allowed: whoMay("viewTlsPolicyPreview"),
    call: () => previewTlsPolicyAction(world.org, policyBody()),
  },
];

describe.each(ACTIONS)("server action $name", ({ allowed, call }) => {
  it.each([...PRINCIPALS, "anonymous"] as Who[])("%s", async (who) => {
    actAs(who === "anonymous" ? undefined : world.users[who as Principal].session);
    const before = await state();
    const result = await call();
    if (allowed.includes(who)) {
      expect(result).toMatchObject({ ok: true });
      return;
    }
    expect(result).toMatchObject({ ok: false, code: who === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN" });
    expect(await state()).toEqual(before);
  });
});

it("the matrix is written out, not computed: owners and administrators alone set the policy", () => {
  expect(whoMay("saveTlsPolicy")).toEqual(["owner", "orgAdmin"]);
  expect(whoMay("viewTlsPolicy")).toEqual(["owner", "orgAdmin", "customManage", "customView"]);
});
