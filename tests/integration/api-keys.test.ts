import { beforeAll, describe, expect, it } from "vitest";
import * as clientProfiles from "@/app/api/orgs/[org]/tls-client-profiles/route";
import { createApiKeyAction, revokeApiKeyAction } from "@/app/actions/api-keys";
import type { AppError } from "@/lib/errors";
import { actorFromApiKey, createApiKey, listApiKeys, revokeApiKey } from "@/lib/server/access/api-keys";
import { listMyOrgs } from "@/lib/server/access/require-org";
import { db } from "@/lib/server/platform/db";
import { toAppError } from "@/lib/server/platform/to-app-error";
import { ctx, request } from "../helpers/http";
import { actAs } from "../helpers/request-state";
import { buildWorld } from "../helpers/world";

let world: Awaited<ReturnType<typeof buildWorld>>;
beforeAll(async () => {
  world = await buildWorld();
  // The owner of acme also administers the other organization, so a restriction is the only thing refusing it.
  const other = await db().organization.findUniqueOrThrow({ where: { name: world.otherOrg } });
  const admin = await db().role.findUniqueOrThrow({
    where: { orgId_name: { orgId: other.id, name: "administrator" } },
  });
  await db().membership.updateMany({
    where: { userId: world.users.owner.userId, orgId: other.id },
    data: { roleId: admin.id },
  });
});

const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: AppError) => e,
  );
const ownEvents = () => db().auditEvent.count({ where: { actorId: world.users.owner.userId, orgId: null } });
const list = (org: string, bearer: string) =>
  clientProfiles.GET(request("GET", `/api/orgs/${org}/tls-client-profiles`, { bearer }), ctx({ org }));
const DAY = 24 * 60 * 60 * 1000;

describe("API key expiry", () => {
  it("records the chosen lifetime, and an expired key answers 401 like an unknown one", async () => {
    const before = Date.now();
    const { key, apiKey } = await createApiKey(world.ownerActor, { name: "month", expires_in_days: 30 }, "t");
    const expires = Date.parse(apiKey.expires_at ?? "");
    expect(expires - before).toBeGreaterThanOrEqual(30 * DAY);
    expect(expires - Date.now()).toBeLessThanOrEqual(30 * DAY);
    expect((await list(world.org, key)).status).toBe(200);

    await db().apiKey.update({ where: { id: apiKey.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await actorFromApiKey(key)).toBeNull();
    const res = await list(world.org, key);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual(await (await list(world.org, "tlsc_unknown")).json());
    expect((await listApiKeys(world.ownerActor)).find((k) => k.id === apiKey.id)?.status).toBe("expired");
  });

  it("records when a key was last used, to the minute, without a write on every request", async () => {
    const { key, apiKey } = await createApiKey(world.ownerActor, { name: "used", expires_in_days: null }, "t");
    const lastUsed = async () =>
      (await db().apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).lastUsedAt?.getTime() ?? null;
    expect(await lastUsed()).toBeNull();
    expect(await actorFromApiKey(key)).not.toBeNull();
    const first = await lastUsed();
    expect(first).not.toBeNull();
    expect(await actorFromApiKey(key)).not.toBeNull();
    expect(await lastUsed()).toBe(first);
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await db().apiKey.update({ where: { id: apiKey.id }, data: { lastUsedAt: twoMinutesAgo } });
    expect(await actorFromApiKey(key)).not.toBeNull();
    expect(await lastUsed()).toBeGreaterThan(twoMinutesAgo.getTime());
  });

  it("never expires when no lifetime is chosen", async () => {
    const { apiKey } = await createApiKey(world.ownerActor, { name: "forever", expires_in_days: null }, "t");
    expect(apiKey).toMatchObject({ expires_at: null, status: "active" });
  });

  it("refuses a lifetime that is not offered, at its field", async () => {
    const e = toAppError(await failure(createApiKey(world.ownerActor, { name: "odd", expires_in_days: 7 }, "t")));
    expect(e?.code).toBe("VALIDATION");
    expect(e?.fieldErrors.map((f) => f.field)).toEqual(["expires_in_days"]);
    const keys = await db().apiKey.count({ where: { userId: world.users.owner.userId, name: "odd" } });
    expect(keys).toBe(0);
  });
});

describe("API key restricted to one organization", () => {
  it("works in its organization and answers 403 elsewhere, exactly as to a non-member", async () => {
    const open = await createApiKey(world.ownerActor, { name: "everywhere" }, "t");
    expect((await list(world.otherOrg, open.key)).status).toBe(200);

    const { key, apiKey } = await createApiKey(world.ownerActor, { name: "acme only", org: world.org }, "t");
    expect(apiKey.org).toEqual({ name: world.org, title: "Acme" });
    expect((await list(world.org, key)).status).toBe(200);
    const refused = await list(world.otherOrg, key);
    expect(refused.status).toBe(403);
    const nonMember = await list(world.otherOrg, world.users.member.apiKey);
    expect(await refused.json()).toEqual(await nonMember.json());

    const actor = await actorFromApiKey(key);
    expect((await listMyOrgs(actor!)).map((o) => o.name)).toEqual([world.org]);
  });

  it("can only name an organization of the key's user, refused at the org field", async () => {
    const member = {
      userId: world.users.member.userId,
      email: world.users.member.email,
      name: "m",
      via: "session" as const,
    };
    for (const org of [world.otherOrg, "no-such-org"]) {
      const e = await failure(createApiKey(member, { name: "sneaky", org }, "t"));
      expect(e?.code).toBe("VALIDATION");
      expect(e?.fieldErrors).toEqual([{ field: "org", message: "Choose one of your organizations." }]);
    }
    expect(await db().apiKey.count({ where: { userId: member.userId, name: "sneaky" } })).toBe(0);
  });
});

describe("API key audit", () => {
  it("records create and revoke as account events, never the key", async () => {
    const { key, apiKey } = await createApiKey(world.ownerActor, { name: "audited", org: world.org }, "req-create");
    await revokeApiKey(world.ownerActor, apiKey.id, "req-revoke");
    const events = await db().auditEvent.findMany({
      where: { actorId: world.users.owner.userId, targetType: "api-key", targetName: "audited" },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => [e.action, e.orgId, e.requestId, e.actorEmail])).toEqual([
      ["create", null, "req-create", world.users.owner.email],
      ["revoke", null, "req-revoke", world.users.owner.email],
    ]);
    expect(JSON.parse(events[0].changes)).toMatchObject({
      prefix: { to: apiKey.prefix },
      org: { to: world.org },
      expires_at: { to: null },
    });
    expect(JSON.stringify(events)).not.toContain(key);
    expect(JSON.stringify(events)).not.toContain(key.slice(12));
  });

  it("writes no audit record for a refused revoke", async () => {
    const before = await ownEvents();
    expect((await failure(revokeApiKey(world.ownerActor, "no-such-key", "t")))?.code).toBe("NOT_FOUND");
    expect(await ownEvents()).toBe(before);
  });
});

describe("API key actions", () => {
  it("need a session: without one nothing is created or revoked", async () => {
    const started = new Date();
    actAs(undefined);
    expect(await createApiKeyAction({ name: "anonymous" })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await db().apiKey.count({ where: { name: "anonymous", createdAt: { gte: started } } })).toBe(0);
    const { apiKey } = await createApiKey(world.ownerActor, { name: "kept" }, "t");
    expect(await revokeApiKeyAction(apiKey.id)).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect((await listApiKeys(world.ownerActor)).find((k) => k.id === apiKey.id)?.status).toBe("active");
  });

  it("answer a bad choice at its field, and create a key for the session's user only", async () => {
    actAs(world.users.customView.session);
    const refused = await createApiKeyAction({ name: "x", org: world.otherOrg });
    expect(refused).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: [{ field: "org" }] });
    const created = await createApiKeyAction({ name: "viewer script", expires_in_days: 365, org: world.org });
    if (!created.ok) throw new Error(created.message);
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: created.data.apiKey.id } });
    expect(row.userId).toBe(world.users.customView.userId);
    // Someone else's key is not found, whoever asks.
    const { apiKey } = await createApiKey(world.ownerActor, { name: "owner's" }, "t");
    expect(await revokeApiKeyAction(apiKey.id)).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });
});
