import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as feeds from "@/app/api/orgs/[org]/calendar-feeds/route";
import * as feed from "@/app/api/orgs/[org]/calendar-feeds/[id]/route";
import * as ics from "@/app/api/orgs/[org]/expiry.ics/route";
import { createCalendarFeedAction, revokeCalendarFeedAction } from "@/app/actions/calendar-feeds";
import { createCalendarFeed, listCalendarFeeds, revokeCalendarFeed } from "@/lib/server/lifecycle/calendar-feeds";
import { db } from "@/lib/server/platform/db";
import { logger } from "@/lib/server/platform/logger";
import { createKeystore } from "@/lib/server/stores/keystores";
import { createTruststore } from "@/lib/server/stores/truststores";
import { ctx, request } from "../helpers/http";
import { parseIcs, prop, type Component } from "../helpers/ics";
import { contextFor } from "../helpers/org-context";
import { keystoreUpload, leaf, pemUpload, testCa } from "../helpers/pki";
import { actAs } from "../helpers/request-state";
import { buildWorld } from "../helpers/world";

let world: Awaited<ReturnType<typeof buildWorld>>;
beforeAll(async () => {
  world = await buildWorld();
  const owner = await contextFor(world, "owner");
  await createKeystore(owner, { title: "gw-server" }, keystoreUpload(leaf("api.example.com", "server", 45)));
  await createTruststore(owner, { title: "Partners" }, pemUpload(testCa.certPem));
  const other = await contextFor(world, "otherOrgAdmin", world.otherOrg);
  await createKeystore(other, { title: "Other gateway" }, keystoreUpload(leaf("other.example.com")));
});

const tokenOf = (url: string) => new URL(url).searchParams.get("token")!;
const fetchIcs = (org: string, token: string | null) =>
  ics.GET(request("GET", `/api/orgs/${org}/expiry.ics${token === null ? "" : `?token=${token}`}`, null), ctx({ org }));
const events = (cal: Component) => cal.children.filter((c) => c.name === "VEVENT");

describe("the ICS feed", () => {
  it("has one event per certificate of that organization, at its not-after, with reminders at the thresholds", async () => {
    const owner = await contextFor(world, "owner");
    const { subscription_url } = await createCalendarFeed(owner, { name: "Ops calendar" });
    expect(subscription_url).toMatch(new RegExp(`/api/orgs/${world.org}/expiry\\.ics\\?token=tlscal_[\\w-]{40,}$`));
    const res = await fetchIcs(world.org, tokenOf(subscription_url));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const text = await res.text();
    for (const line of text.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const cal = parseIcs(text);
    expect(prop(cal, "X-WR-CALNAME")).toBe("TLS certificate expiry: Acme");

    const acme = await db().organization.findUniqueOrThrow({ where: { name: world.org } });
    const certs = await db().certificate.findMany({ where: { orgId: acme.id }, include: { keystore: true } });
    expect(certs).toHaveLength(3); // leaf + CA of the keystore, one trust anchor
    const got = events(cal);
    expect(got.map((e) => prop(e, "UID")).sort()).toEqual(certs.map((c) => `${c.id}@tls-console`).sort());
    const others = await db().certificate.findMany({ where: { orgId: { not: acme.id } } });
    for (const o of others) expect(text).not.toContain(o.id);
    expect(text).not.toContain("other.example.com");

    const leafCert = certs.find((c) => c.subject === "CN=api.example.com")!;
    const event = got.find((e) => prop(e, "UID") === `${leafCert.id}@tls-console`)!;
    expect(prop(event, "SUMMARY")).toBe("Certificate 'api.example.com' (leaf of keystore gw-server) expires");
    expect(prop(event, "DTSTART")).toBe(leafCert.notAfter.toISOString().replace(/[-:]|\.\d{3}/g, ""));
    expect(prop(event, "DESCRIPTION")).toContain(`SHA-256: ${leafCert.sha256}`);
    expect(prop(event, "URL")).toMatch(new RegExp(`/orgs/${world.org}/resources/tls/keystores/gw-server$`));
    const alarms = event.children.filter((c) => c.name === "VALARM");
    expect(alarms.map((a) => prop(a, "TRIGGER"))).toEqual(["-P30D", "-P7D", "-P1D", "PT0S"]);
    expect(alarms.map((a) => prop(a, "ACTION"))).toEqual(["DISPLAY", "DISPLAY", "DISPLAY", "DISPLAY"]);
    expect(prop(alarms[1]!, "DESCRIPTION")).toBe(
      "Certificate 'api.example.com' (leaf of keystore gw-server) expires in 7 days",
    );
    const ca = certs.find((c) => c.keystoreId && c.position === 1)!;
    expect(
      prop(
        got.find((e) => prop(e, "UID") === `${ca.id}@tls-console`)!,
        "SUMMARY",
      ),
    ).toBe("Certificate 'Test CA' (root of keystore gw-server) expires");
    const anchor = certs.find((c) => !c.keystoreId)!;
    expect(
      prop(
        got.find((e) => prop(e, "UID") === `${anchor.id}@tls-console`)!,
        "SUMMARY",
      ),
    ).toBe("Certificate 'Test CA' (trust anchor of truststore partners) expires");
  });

  it("is a valid empty calendar for an organization without certificates", async () => {
    const otherAdmin = await contextFor(world, "otherOrgAdmin", world.otherOrg);
    const empty = await db().organization.create({
      data: { name: `empty-${Date.now()}`, title: "Empty", type: "provider" },
    });
    await db().membership.create({
      data: {
        userId: world.users.otherOrgAdmin.userId,
        orgId: empty.id,
        roleId: (
          await db().role.create({ data: { orgId: empty.id, name: "administrator", title: "A", permissions: "*" } })
        ).id,
      },
    });
    const { subscription_url } = await createCalendarFeed({ ...otherAdmin, org: empty }, { name: "Empty" });
    const cal = parseIcs(await (await fetchIcs(empty.name, tokenOf(subscription_url))).text());
    expect(events(cal)).toEqual([]);
  });
});

describe("feed tokens", () => {
  it("are shown once and stored only as their SHA-256; the audit holds neither", async () => {
    const owner = await contextFor(world, "owner");
    const { feed: dto, subscription_url } = await createCalendarFeed(owner, { name: "  Team  " });
    const token = tokenOf(subscription_url);
    const row = await db().calendarFeed.findUniqueOrThrow({ where: { id: dto.id } });
    expect(row).toMatchObject({ name: "Team", createdBy: world.users.owner.email, revokedAt: null });
    expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(token);
    const listed = await listCalendarFeeds(owner);
    expect(listed.find((f) => f.id === dto.id)).toEqual(dto);
    expect(JSON.stringify(listed)).not.toMatch(/token|tlscal_/i);
    const events = await db().auditEvent.findMany({ where: { targetType: "calendar-feed", targetName: "Team" } });
    expect(events.map((e) => e.action)).toEqual(["create"]);
    expect(JSON.stringify(events)).not.toContain(token);
    expect(JSON.stringify(events)).not.toContain(row.tokenHash);
  });

  it("answer 404 alike when unknown, missing, of another organization, or for an organization that does not exist", async () => {
    const other = await contextFor(world, "otherOrgAdmin", world.otherOrg);
    const { subscription_url } = await createCalendarFeed(other, { name: "Theirs" });
    const theirs = tokenOf(subscription_url);
    expect((await fetchIcs(world.otherOrg, theirs)).status).toBe(200);
    const answers = await Promise.all([
      fetchIcs(world.org, theirs),
      fetchIcs("no-such-org", theirs),
      fetchIcs(world.org, null),
      fetchIcs(world.org, ""),
      fetchIcs(world.org, `tlscal_${"A".repeat(43)}`),
      fetchIcs(world.org, theirs.slice(0, -1)),
    ]);
    const bodies = await Promise.all(answers.map((r) => r.text()));
    expect(answers.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404]);
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).not.toContain(theirs);
  });

  it("stop answering once revoked; revoking twice, or from another organization, finds nothing", async () => {
    const owner = await contextFor(world, "owner");
    const { feed: dto, subscription_url } = await createCalendarFeed(owner, { name: "Short-lived" });
    const token = tokenOf(subscription_url);
    expect((await fetchIcs(world.org, token)).status).toBe(200);
    const other = await contextFor(world, "otherOrgAdmin", world.otherOrg);
    await expect(revokeCalendarFeed(other, dto.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await fetchIcs(world.org, token)).status).toBe(200);
    await revokeCalendarFeed(owner, dto.id);
    expect((await fetchIcs(world.org, token)).status).toBe(404);
    expect((await listCalendarFeeds(owner)).map((f) => f.id)).not.toContain(dto.id);
    await expect(revokeCalendarFeed(owner, dto.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const audit = await db().auditEvent.findMany({ where: { targetType: "calendar-feed", targetName: "Short-lived" } });
    expect(audit.map((e) => e.action).sort()).toEqual(["create", "revoke"]);
  });

  it("follow their creator: a creator who may no longer view TLS settings takes the feed down with them", async () => {
    const manager = await contextFor(world, "customManage");
    const { subscription_url } = await createCalendarFeed(manager, { name: "Manager's" });
    const token = tokenOf(subscription_url);
    expect((await fetchIcs(world.org, token)).status).toBe(200);
    const acme = await db().organization.findUniqueOrThrow({ where: { name: world.org } });
    const membership = { userId_orgId: { userId: world.users.customManage.userId, orgId: acme.id } };
    const { roleId } = await db().membership.findUniqueOrThrow({ where: membership });
    const member = await db().role.findUniqueOrThrow({ where: { orgId_name: { orgId: acme.id, name: "member" } } });
    await db().membership.update({ where: membership, data: { roleId: member.id } });
    try {
      expect((await fetchIcs(world.org, token)).status).toBe(404);
    } finally {
      await db().membership.update({ where: membership, data: { roleId } });
    }
    expect((await fetchIcs(world.org, token)).status).toBe(200);
  });

  it("never reach the log: an unexpected failure logs the path without the query string", async () => {
    const owner = await contextFor(world, "owner");
    const { subscription_url } = await createCalendarFeed(owner, { name: "Logged?" });
    const token = tokenOf(subscription_url);
    const logged = vi.spyOn(logger, "error").mockImplementation(() => {});
    const broken = vi.spyOn(db(), "$queryRaw").mockRejectedValueOnce(new Error("database went away"));
    try {
      const res = await fetchIcs(world.org, token);
      expect(res.status).toBe(500);
      expect(await res.text()).not.toContain(token);
      expect(logged).toHaveBeenCalledTimes(1);
      expect(JSON.stringify(logged.mock.calls[0]![0], (_k, v: unknown) => (v instanceof Error ? v.message : v))).toBe(
        JSON.stringify({
          err: "database went away",
          requestId: res.headers.get("x-request-id"),
          method: "GET",
          path: `/api/orgs/${world.org}/expiry.ics`,
        }),
      );
    } finally {
      broken.mockRestore();
      logged.mockRestore();
    }
  });
});

describe("REST and actions for feeds", () => {
  it("POST creates (201, the URL once), GET lists without it, DELETE revokes (204) and the URL then answers 404", async () => {
    const auth = { bearer: world.users.orgAdmin.apiKey };
    const o = ctx({ org: world.org });
    const created = await feeds.POST(request("POST", "/x", auth, { name: "From REST" }), o);
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string; name: string; subscription_url: string; created_by: string };
    expect(body).toMatchObject({ name: "From REST", created_by: world.users.orgAdmin.email });
    const listed = (await (await feeds.GET(request("GET", "/x", auth), o)).json()) as {
      results: { id: string }[];
    };
    expect(listed.results.find((f) => f.id === body.id)).toEqual({
      id: body.id,
      name: "From REST",
      created_at: expect.any(String),
      created_by: world.users.orgAdmin.email,
    });
    expect((await fetchIcs(world.org, tokenOf(body.subscription_url))).status).toBe(200);
    const deleted = await feed.DELETE(request("DELETE", "/x", auth), ctx({ org: world.org, id: body.id }));
    expect(deleted.status).toBe(204);
    expect((await fetchIcs(world.org, tokenOf(body.subscription_url))).status).toBe(404);
    const again = await feed.DELETE(request("DELETE", "/x", auth), ctx({ org: world.org, id: body.id }));
    expect(again.status).toBe(404);
  });

  it("refuses an empty name at the field, and writes nothing", async () => {
    const before = await db().calendarFeed.count();
    const res = await feeds.POST(
      request("POST", "/x", { bearer: world.users.owner.apiKey }, { name: " " }),
      ctx({ org: world.org }),
    );
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ errors: [{ field: "name", message: "Name is required" }] });
    actAs(world.users.owner.session);
    expect(await createCalendarFeedAction(world.org, { name: "" })).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: [{ field: "name", message: "Name is required" }],
    });
    expect(await db().calendarFeed.count()).toBe(before);
  });

  it("actions create and revoke for the signed-in manager", async () => {
    actAs(world.users.customManage.session);
    const created = await createCalendarFeedAction(world.org, { name: "By action" });
    if (!created.ok) throw new Error(created.message);
    expect(created.data.subscription_url).toContain("token=tlscal_");
    expect(await revokeCalendarFeedAction(world.org, created.data.feed.id)).toEqual({ ok: true, data: undefined });
    expect((await fetchIcs(world.org, tokenOf(created.data.subscription_url))).status).toBe(404);
  });
});
