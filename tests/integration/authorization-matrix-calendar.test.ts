import { beforeAll, describe, expect, it } from "vitest";
import * as feeds from "@/app/api/orgs/[org]/calendar-feeds/route";
import * as feed from "@/app/api/orgs/[org]/calendar-feeds/[id]/route";
import * as ics from "@/app/api/orgs/[org]/expiry.ics/route";
import * as metrics from "@/app/api/metrics/route";
import { createCalendarFeedAction, revokeCalendarFeedAction } from "@/app/actions/calendar-feeds";
import { createCalendarFeed } from "@/lib/server/lifecycle/calendar-feeds";
import { db } from "@/lib/server/platform/db";
import { ctx, request, type Auth } from "../helpers/http";
import { contextFor } from "../helpers/org-context";
import { actAs } from "../helpers/request-state";
import { buildWorld, PRINCIPALS, type Principal } from "../helpers/world";
import { whoMay } from "../helpers/who-may";

/** Every calendar-feed route and action, the feed itself and /api/metrics, for every principal (see authorization-matrix). */
type Who = Principal | "anonymous" | "revokedKey" | "expiredKey" | "elsewhereKey";
const EVERYONE: Who[] = [...PRINCIPALS, "anonymous", "revokedKey", "expiredKey", "elsewhereKey"];
const UNAUTHENTICATED: Who[] = ["anonymous", "revokedKey", "expiredKey"];

let world: Awaited<ReturnType<typeof buildWorld>>;
let seq = 0;
beforeAll(async () => {
  world = await buildWorld();
});

const state = async () => ({
  feeds: await db().calendarFeed.findMany({ orderBy: { id: "asc" } }),
  audit: await db().auditEvent.count(),
});

/** A fresh active feed per case, so an allowed revoke has its own target. */
async function target() {
  const { feed: created } = await createCalendarFeed(await contextFor(world, "owner"), { name: `Feed ${++seq}` });
  return created;
}
type Target = Awaited<ReturnType<typeof target>>;

function restAuth(who: Who): Auth {
  if (who === "anonymous") return null;
  if (who === "revokedKey") return { bearer: world.revokedKey };
  if (who === "expiredKey") return { bearer: world.expiredKey };
  if (who === "elsewhereKey") return { bearer: world.elsewhereKey };
  return seq % 2 === 0 ? { bearer: world.users[who].apiKey } : { session: world.users[who].session };
}

type RestCase = { name: string; allowed: Who[]; call: (a: Auth, t: Target) => Promise<Response> };
const REST: RestCase[] = [
  {
    name: "GET calendar-feeds",
    allowed: whoMay("manageCalendarFeeds"),
    call: (a) => feeds.GET(request("GET", "/x", a), ctx({ org: world.org })),
  },
  {
    name: "POST calendar-feeds",
    allowed: whoMay("createCalendarFeed"),
    call: (a) => feeds.POST(request("POST", "/x", a, { name: `Made ${++seq}` }), ctx({ org: world.org })),
  },
  {
    name: "DELETE calendar-feed",
    allowed: whoMay("revokeCalendarFeed"),
    call: (a, t) => feed.DELETE(request("DELETE", "/x", a), ctx({ org: world.org, id: t.id })),
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

describe("the feed itself (expiry.ics) opens with its token only", () => {
  it.each(EVERYONE)("%s without the token: 404", async (who) => {
    const res = await ics.GET(
      request("GET", `/api/orgs/${world.org}/expiry.ics`, restAuth(who)),
      ctx({ org: world.org }),
    );
    expect(res.status).toBe(404);
  });
});

describe("/api/metrics: nobody of a provider organization", () => {
  const scrape = async (auth: Auth) => (await metrics.GET(request("GET", "/api/metrics", auth))).status;
  it.each(EVERYONE)("%s", async (who) => {
    if (UNAUTHENTICATED.includes(who) || who === "elsewhereKey") {
      expect(await scrape(restAuth(who))).toBe(who === "elsewhereKey" ? 403 : 401);
      return;
    }
    const { apiKey, session } = world.users[who as Principal];
    // A valid key of anyone outside the admin organization is refused; a session is no scraper credential at all.
    expect(await scrape({ bearer: apiKey })).toBe(403);
    expect(await scrape({ session })).toBe(401);
  });
});

type ActionCase = { name: string; allowed: Who[]; call: (t: Target) => Promise<{ ok: boolean; code?: string }> };
const ACTIONS: ActionCase[] = [
  {
    name: "createCalendarFeed",
    allowed: whoMay("createCalendarFeed"),
    call: () => createCalendarFeedAction(world.org, { name: `Action ${++seq}` }),
  },
  {
    name: "revokeCalendarFeed",
    allowed: whoMay("revokeCalendarFeed"),
    call: (t) => revokeCalendarFeedAction(world.org, t.id),
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
      return;
    }
    expect(result).toMatchObject({ ok: false, code: who === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN" });
    expect(await state()).toEqual(before);
  });
});
