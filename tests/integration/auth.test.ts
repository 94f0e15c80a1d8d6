import { beforeAll, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { actorFromApiKey, createApiKey, listApiKeys, revokeApiKey } from "@/lib/server/access/api-keys";
import { actorFromSessionToken, deleteSession } from "@/lib/server/access/sessions";
import { signIn } from "@/lib/server/access/sign-in";
import { SIGN_IN_LIMITS } from "@/lib/server/access/rate-limit";
import { bootstrap } from "@/lib/server/install/bootstrap";
import { db } from "@/lib/server/platform/db";
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

  it("limits failures per account, even with the right password afterwards", async () => {
    const email = world.users.orgAdmin.email;
    for (let i = 0; i < SIGN_IN_LIMITS.account.max; i++) {
      await failure(signIn({ email, password: "wrong" }, { ip: `10.1.0.${i}` }));
    }
    const limited = await failure(signIn({ email, password: PASSWORD }, { ip: "10.1.1.1" }));
    expect(limited?.code).toBe("RATE_LIMITED");
  });

  it("limits failures per IP across accounts", async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.ip.max; i++) {
      await failure(signIn({ email: `spray-${i}@example.com`, password: "x" }, { ip: "10.9.9.9" }));
    }
    const limited = await failure(
      signIn({ email: world.users.customManage.email, password: PASSWORD }, { ip: "10.9.9.9" }),
    );
    expect(limited?.code).toBe("RATE_LIMITED");
    await expect(
      signIn({ email: world.users.customManage.email, password: PASSWORD }, { ip: "10.9.9.10" }),
    ).resolves.toHaveProperty("token");
  });

  it("does not accept an expired session", async () => {
    const { token } = await signIn({ email: world.users.owner.email, password: PASSWORD }, { ip: "10.0.0.3" });
    vi.useFakeTimers({ now: Date.now() + 13 * 60 * 60 * 1000, toFake: ["Date"] });
    try {
      expect(await actorFromSessionToken(token)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
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
