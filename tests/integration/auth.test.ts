import { scryptSync } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { signOutAction } from "@/app/actions/auth";
import { AppError } from "@/lib/errors";
import { actorFromApiKey, createApiKey, listApiKeys, revokeApiKey } from "@/lib/server/access/api-keys";
import { actorFromSessionToken, deleteSession } from "@/lib/server/access/sessions";
import { needsRehash } from "@/lib/server/access/password";
import { signIn } from "@/lib/server/access/sign-in";
import { hashToken } from "@/lib/server/access/tokens";
import { bootstrap } from "@/lib/server/install/bootstrap";
import { sessionIdleMs } from "@/lib/server/platform/config";
import { db } from "@/lib/server/platform/db";
import { actAs } from "../helpers/request-state";
import { buildWorld } from "../helpers/world";

let world: Awaited<ReturnType<typeof buildWorld>>;
beforeAll(async () => {
  world = await buildWorld();
});

const PASSWORD = "correct horse battery staple";
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: AppError) => e,
  );

describe("sign-in", () => {
  it("opens a database session for the right password", async () => {
    const { token } = await signIn({ email: world.users.customView.email, password: PASSWORD }, { ip: "10.0.0.1" });
    expect(await actorFromSessionToken(token)).toMatchObject({ email: world.users.customView.email, via: "session" });
    expect(await db().session.count({ where: { tokenHash: token } })).toBe(0); // only the hash is stored
    await deleteSession(token);
    expect(await actorFromSessionToken(token)).toBeNull();
  });

  it("gives one generic message for a wrong password and an unknown account", async () => {
    const wrong = await failure(signIn({ email: world.users.member.email, password: "nope" }, { ip: "10.0.0.2" }));
    const unknown = await failure(signIn({ email: "ghost@example.com", password: "nope" }, { ip: "10.0.0.2" }));
    expect(wrong?.message).toBe(unknown?.message);
    expect(wrong?.code).toBe("UNAUTHENTICATED");
  });

  it("audits success and failure with the address, never the password", async () => {
    const email = world.users.orgAdmin.email;
    await failure(signIn({ email, password: "my-wrong-secret" }, { ip: "10.0.0.4", requestId: "req-fail" }));
    await signIn({ email, password: PASSWORD }, { ip: "10.0.0.4", userAgent: "probe/1", requestId: "req-ok" });
    await failure(signIn({ email: "nobody@example.com", password: "my-wrong-secret" }, { ip: "10.0.0.4" }));
    const events = await db().auditEvent.findMany({
      where: { orgId: null, actorEmail: { in: [email, "nobody@example.com"] } },
    });
    expect(events.map((e) => [e.action, e.actorId, e.requestId])).toEqual(
      expect.arrayContaining([
        ["sign_in_failed", world.users.orgAdmin.userId, "req-fail"],
        ["sign_in", world.users.orgAdmin.userId, "req-ok"],
        ["sign_in_failed", null, expect.any(String)],
      ]),
    );
    expect(JSON.parse(events.find((e) => e.requestId === "req-ok")!.changes)).toMatchObject({
      ip: { to: "10.0.0.4" },
      user_agent: { to: "probe/1" },
    });
    const stored = JSON.stringify(events);
    expect(stored).not.toContain("my-wrong-secret");
    expect(stored).not.toContain(PASSWORD);
  });

  it("signing out ends the session and is audited", async () => {
    const { token } = await signIn({ email: world.users.member.email, password: PASSWORD }, { ip: "10.0.0.5" });
    actAs(token);
    try {
      await expect(signOutAction()).rejects.toThrow(/NEXT_REDIRECT/);
    } finally {
      actAs(undefined);
    }
    expect(await actorFromSessionToken(token)).toBeNull();
    expect(
      await db().auditEvent.count({ where: { orgId: null, action: "sign_out", actorId: world.users.member.userId } }),
    ).toBe(1);
  });

  it("upgrades a hash made with other scrypt parameters at the next sign-in", async () => {
    const email = world.users.customManage.email;
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    const salt = Buffer.from("fixed-salt-16byt");
    const key = scryptSync(PASSWORD, salt, 32, { N: 1024, r: 4, p: 2 });
    const old = ["scrypt", 1024, 4, 2, salt.toString("base64url"), key.toString("base64url")].join("$");
    await db().user.update({ where: { id: user.id }, data: { passwordHash: old } });
    await signIn({ email, password: PASSWORD }, { ip: "10.0.0.6" });
    const { passwordHash } = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(passwordHash).not.toBe(old);
    expect(needsRehash(passwordHash)).toBe(false);
  });
});

describe("sessions", () => {
  const later = (ms: number) => vi.useFakeTimers({ now: Date.now() + ms, toFake: ["Date"] });
  afterEach(() => vi.useRealTimers());

  it("do not outlive their absolute expiry", async () => {
    const { token } = await signIn({ email: world.users.owner.email, password: PASSWORD }, { ip: "10.0.0.3" });
    later(13 * 60 * 60 * 1000);
    expect(await actorFromSessionToken(token)).toBeNull();
  });

  it("end after SESSION_IDLE_MINUTES without use, and each use slides the window", async () => {
    const idle = sessionIdleMs();
    const start = Date.now();
    const { token } = await signIn({ email: world.users.owner.email, password: PASSWORD }, { ip: "10.0.0.7" });
    vi.useFakeTimers({ now: start + idle - 60_000, toFake: ["Date"] });
    expect(await actorFromSessionToken(token)).not.toBeNull();
    vi.useFakeTimers({ now: start + 2 * idle - 120_000, toFake: ["Date"] });
    expect(await actorFromSessionToken(token)).not.toBeNull(); // alive: the previous use moved lastSeenAt
    vi.useFakeTimers({ now: start + 3 * idle, toFake: ["Date"] });
    expect(await actorFromSessionToken(token)).toBeNull();
  });

  it("write lastSeenAt at most once a minute", async () => {
    const { token } = await signIn({ email: world.users.owner.email, password: PASSWORD }, { ip: "10.0.0.8" });
    const row = () => db().session.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    const created = (await row()).lastSeenAt.getTime();
    later(30_000);
    await actorFromSessionToken(token);
    expect((await row()).lastSeenAt.getTime()).toBe(created);
    later(90_000);
    await actorFromSessionToken(token);
    expect((await row()).lastSeenAt.getTime()).toBeGreaterThan(created);
  });

  it("ended sessions and limiter rows are purged by the next sign-in, on any instance", async () => {
    const userId = world.users.customView.userId;
    const longAgo = new Date(Date.now() - 14 * 60 * 60 * 1000);
    await db().session.createMany({
      data: [
        { userId, tokenHash: "purge-expired", expiresAt: longAgo, lastSeenAt: longAgo },
        { userId, tokenHash: "purge-idle", expiresAt: new Date(Date.now() + 60_000), lastSeenAt: longAgo },
      ],
    });
    await db().rateLimit.create({ data: { key: "pair:old@example.com|10.1.2.3", count: 3, expiresAt: BigInt(1) } });
    await signIn({ email: world.users.customView.email, password: PASSWORD }, { ip: "10.0.0.9" });
    expect(await db().session.count({ where: { tokenHash: { in: ["purge-expired", "purge-idle"] } } })).toBe(0);
    expect(await db().rateLimit.count({ where: { key: "pair:old@example.com|10.1.2.3" } })).toBe(0);
  });
});

describe("API keys", () => {
  it("are shown once, stored hashed, listed without the secret, and stop working when revoked", async () => {
    const actor = world.ownerActor;
    const { key, apiKey } = await createApiKey(actor, { name: "ci" }, "test");
    expect(key.startsWith("tlsc_")).toBe(true);
    expect(JSON.stringify(await listApiKeys(actor))).not.toContain(key);
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).keyHash).not.toContain(key);
    expect(await actorFromApiKey(key)).toMatchObject({ email: actor.email, via: "api-key" });
    await revokeApiKey(actor, apiKey.id, "test");
    expect(await actorFromApiKey(key)).toBeNull();
  });

  it("cannot be revoked by another user", async () => {
    const { apiKey } = await createApiKey(world.ownerActor, { name: "mine" }, "test");
    const other = {
      userId: world.users.member.userId,
      email: world.users.member.email,
      name: "m",
      via: "session" as const,
    };
    expect((await failure(revokeApiKey(other, apiKey.id, "test")))?.code).toBe("NOT_FOUND");
  });
});

describe("bootstrap", () => {
  it("does nothing once users exist", async () => {
    const before = await db().organization.count();
    expect(await bootstrap({ ADMIN_EMAIL: "x@example.com", ADMIN_PASSWORD: "whatever-long" })).toMatchObject({
      created: false,
    });
    expect(await db().organization.count()).toBe(before);
  });
});
