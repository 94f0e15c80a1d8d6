import { beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/orgs/[org]/tls-client-profiles/route";
import * as byName from "@/app/api/orgs/[org]/tls-client-profiles/[name]/route";
import * as byVersion from "@/app/api/orgs/[org]/tls-client-profiles/[name]/[version]/route";
import * as presets from "@/app/api/tls-presets/route";
import {
  createClientProfileAction,
  deleteClientProfilesAction,
  updateClientProfileAction,
} from "@/app/actions/tls-client-profiles";
import { assignRoleAction, createRoleAction, inviteMemberAction, revokeInvitationAction } from "@/app/actions/members";
import { db } from "@/lib/server/platform/db";
import { createClientProfile } from "@/lib/server/profiles/client-profiles";
import { createInvitation, listInvitations } from "@/lib/server/access/invitations";
import { ctx, request, type Auth } from "../helpers/http";
import { contextFor } from "../helpers/org-context";
import { actAs } from "../helpers/request-state";
import { buildWorld, PRINCIPALS, type Principal } from "../helpers/world";
import { whoMay } from "../helpers/who-may";

type Who = Principal | "anonymous" | "revokedKey" | "expiredKey" | "elsewhereKey";
const EVERYONE: Who[] = [...PRINCIPALS, "anonymous", "revokedKey", "expiredKey", "elsewhereKey"];
/** Nobody is authenticated (401) by no credentials, a revoked key or an expired one. */
const UNAUTHENTICATED: Who[] = ["anonymous", "revokedKey", "expiredKey"];

let world: Awaited<ReturnType<typeof buildWorld>>;
let seq = 0;
beforeAll(async () => {
  world = await buildWorld();
});

const state = async () => ({
  profiles: await db().tlsClientProfile.findMany({ orderBy: { id: "asc" } }),
  roles: await db().role.count(),
  members: await db().membership.findMany({ orderBy: { id: "asc" } }),
  invitations: await db().invitation.findMany({ orderBy: { id: "asc" } }),
  audit: await db().auditEvent.count(),
});

/** A fresh profile per case, so an allowed delete or update has its own target. */
async function target() {
  const owner = await contextFor(world, "owner");
  return createClientProfile(owner, {
    title: `Target ${++seq}`,
    version: "1.0.0",
    protocols: ["tls_v1.3"],
    ciphers: ["TLS_AES_256_GCM_SHA384"],
  });
}

function restAuth(who: Who): Auth {
  if (who === "anonymous") return null;
  if (who === "revokedKey") return { bearer: world.revokedKey };
  if (who === "expiredKey") return { bearer: world.expiredKey };
  if (who === "elsewhereKey") return { bearer: world.elsewhereKey };
  // Alternate the two ways in, so both are exercised for every principal.
  return seq % 2 === 0 ? { bearer: world.users[who].apiKey } : { session: world.users[who].session };
}

const profileBody = () => ({
  title: `Made ${++seq}`,
  version: "1.0.0",
  protocols: ["tls_v1.3"],
  ciphers: ["TLS_AES_256_GCM_SHA384"],
});

type Target = Awaited<ReturnType<typeof target>>;
type RestCase = { name: string; allowed: Who[]; call: (a: Auth, t: Target) => Promise<Response> };
const one = (t: Target) => ctx({ org: world.org, name: t.name, version: t.version });

const REST: RestCase[] = [
  {
    name: "GET list",
    allowed: whoMay("viewClientProfiles"),
    call: (a) => collection.GET(request("GET", "/x", a), ctx({ org: world.org })),
  },
  {
    name: "POST create",
    allowed: whoMay("createClientProfile"),
    call: (a) => collection.POST(request("POST", "/x", a, profileBody()), ctx({ org: world.org })),
  },
  {
    name: "GET versions",
    allowed: whoMay("viewClientProfiles"),
    call: (a, t) => byName.GET(request("GET", "/x", a), ctx({ org: world.org, name: t.name })),
  },
  {
    name: "GET one",
    allowed: whoMay("viewClientProfiles"),
    call: (a, t) => byVersion.GET(request("GET", "/x", a), one(t)),
  },
  {
    name: "PATCH",
    allowed: whoMay("updateClientProfile"),
    call: (a, t) => byVersion.PATCH(request("PATCH", "/x", a, { summary: "changed" }), one(t)),
  },
  {
    name: "DELETE",
    allowed: whoMay("deleteClientProfiles"),
    call: (a, t) => byVersion.DELETE(request("DELETE", "/x", a), one(t)),
  },
];

describe.each(REST)("REST $name", ({ allowed, call }) => {
  it.each(EVERYONE)("%s", async (who) => {
    const t = await target();
    const before = await state();
    const res = await call(restAuth(who), t);
    if (allowed.includes(who)) {
      expect(res.status, await res.clone().text()).toBeLessThan(300);
      return;
    }
    expect(res.status).toBe(UNAUTHENTICATED.includes(who) ? 401 : 403);
    expect(await res.json()).toMatchObject({ status: res.status, errors: [] });
    expect(await state()).toEqual(before);
  });
});

/** Reference data of no organization: every valid credential reads it, a key restricted to any organization too. */
describe("REST GET /api/tls-presets", () => {
  it.each(EVERYONE)("%s", async (who) => {
    const res = await presets.GET(request("GET", "/api/tls-presets", restAuth(who)));
    expect(res.status).toBe(UNAUTHENTICATED.includes(who) ? 401 : 200);
  });
});

type ActionCase = {
  name: string;
  allowed: Who[];
  /** Makes what the call acts on (besides the profile target), before the state is compared. */
  prepare?: () => Promise<string>;
  call: (t: Target, prepared: string) => Promise<{ ok: boolean; code?: string }>;
};
const ACTIONS: ActionCase[] = [
  {
    name: "createClientProfile",
    allowed: whoMay("createClientProfile"),
    call: () => createClientProfileAction(world.org, { ...profileBody(), name: `made-${seq}` }),
  },
  {
    name: "updateClientProfile",
    allowed: whoMay("updateClientProfile"),
    call: (t) =>
      updateClientProfileAction(
        world.org,
        { name: t.name, version: t.version, rowVersion: t.row_version },
        { summary: "x" },
      ),
  },
  {
    name: "deleteClientProfiles",
    allowed: whoMay("deleteClientProfiles"),
    call: (t) => deleteClientProfilesAction(world.org, [{ name: t.name, version: t.version }]),
  },
  {
    name: "createRole",
    allowed: whoMay("createRole"),
    call: () => createRoleAction(world.org, { name: `role-${++seq}`, title: "R", permissions: ["settings:view"] }),
  },
  {
    name: "assignRole",
    allowed: whoMay("assignRole"),
    call: () => assignRoleAction(world.org, world.users.member.userId, "member"),
  },
  {
    name: "inviteMember",
    allowed: whoMay("inviteMember"),
    call: () => inviteMemberAction(world.org, { email: `new-${++seq}@example.com`, role: "member" }),
  },
  {
    name: "revokeInvitation",
    allowed: whoMay("revokeInvitation"),
    prepare: async () => {
      const owner = await contextFor(world, "owner");
      const { email } = await createInvitation(owner, { email: `pending-${++seq}@example.com`, role: "member" });
      return (await listInvitations(owner)).find((i) => i.email === email)!.id;
    },
    call: (_, id) => revokeInvitationAction(world.org, id),
  },
];

const SESSION_PRINCIPALS: Who[] = [...PRINCIPALS, "anonymous"];

describe.each(ACTIONS)("server action $name", ({ allowed, prepare, call }) => {
  it.each(SESSION_PRINCIPALS)("%s", async (who) => {
    const t = await target();
    const prepared = (await prepare?.()) ?? "";
    actAs(who === "anonymous" ? undefined : world.users[who as Principal].session);
    const before = await state();
    const result = await call(t, prepared);
    if (allowed.includes(who)) {
      expect(result).toMatchObject({ ok: true });
      return;
    }
    expect(result).toMatchObject({ ok: false, code: who === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN" });
    expect(await state()).toEqual(before);
  });
});
