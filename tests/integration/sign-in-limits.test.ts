import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { signIn } from "@/lib/server/access/sign-in";
import { backoffAfter, SIGN_IN_LIMITS } from "@/lib/server/access/rate-limit";
import { db } from "@/lib/server/platform/db";
import { buildWorld } from "../helpers/world";

// Counts every password check (real or the unknown-account decoy): the limits must refuse before one runs.
const checks = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/server/access/password", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/server/access/password")>();
  return {
    ...real,
    verifyPassword: async (...args: Parameters<typeof real.verifyPassword>) => {
      checks.count++;
      return real.verifyPassword(...args);
    },
    burnPasswordCheck: async (...args: Parameters<typeof real.burnPasswordCheck>) => {
      checks.count++;
      return real.burnPasswordCheck(...args);
    },
  };
});

let world: Awaited<ReturnType<typeof buildWorld>>;
beforeAll(async () => {
  world = await buildWorld();
});
afterEach(() => vi.useRealTimers());

const PASSWORD = "correct horse battery staple";
const { free } = SIGN_IN_LIMITS.pair;
const attempt = (email: string, password: string, ip: string) =>
  signIn({ email, password }, { ip }).then(
    () => "ok" as const,
    (e: AppError) => e.code,
  );
const at = (ms: number) => vi.useFakeTimers({ now: ms, toFake: ["Date"] });

describe("sign-in attempts are reserved before the password is checked", () => {
  it("40 parallel attempts on one account from one IP: only the free ones reach a password check", async () => {
    checks.count = 0;
    const results = await Promise.all(
      Array.from({ length: 40 }, () => attempt(world.users.member.email, "wrong", "10.40.0.1")),
    );
    expect(checks.count).toBeLessThanOrEqual(free);
    expect(results.filter((r) => r === "UNAUTHENTICATED")).toHaveLength(checks.count);
    expect(results.filter((r) => r === "RATE_LIMITED")).toHaveLength(40 - checks.count);
  });

  it("40 parallel attempts from one IP across accounts: at most the IP's budget reaches a password check", async () => {
    checks.count = 0;
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => attempt(`parallel-${i}@example.com`, "wrong", "10.40.0.2")),
    );
    expect(checks.count).toBeLessThanOrEqual(SIGN_IN_LIMITS.ip.max);
    expect(results.filter((r) => r === "RATE_LIMITED")).toHaveLength(40 - checks.count);
  });
});

describe("back-off per (account, IP)", () => {
  it("a stranger's failures do not lock the owner out from another IP", async () => {
    const email = world.users.owner.email;
    for (let i = 0; i < free + 3; i++) await attempt(email, "guess", "198.51.100.66");
    expect(await attempt(email, "guess", "198.51.100.66")).toBe("RATE_LIMITED");
    expect(await attempt(email, PASSWORD, "10.50.0.1")).toBe("ok");
  });

  it("the wait doubles with each further failure, and the refusal says how long", async () => {
    const email = world.users.customView.email;
    const ip = "10.60.0.1";
    let now = Date.now();
    at(now);
    for (let i = 1; i <= free; i++) expect(await attempt(email, "wrong", ip)).toBe("UNAUTHENTICATED");
    for (let n = free; n < free + 3; n++) {
      const wait = backoffAfter(n);
      expect(wait).toBe(SIGN_IN_LIMITS.pair.firstDelayMs * 2 ** (n - free));
      checks.count = 0;
      const refused = await signIn({ email, password: PASSWORD }, { ip }).catch((e: AppError) => e);
      expect(refused).toMatchObject({
        code: "RATE_LIMITED",
        message: expect.stringContaining(`${wait / 1000} seconds`),
      });
      expect(checks.count).toBe(0);
      now += wait - 1;
      at(now);
      expect(await attempt(email, PASSWORD, ip)).toBe("RATE_LIMITED");
      now += 1;
      at(now);
      expect(await attempt(email, "wrong", ip)).toBe("UNAUTHENTICATED");
    }
  });

  it("stops doubling at the cap", () => {
    expect(backoffAfter(free + 40)).toBe(SIGN_IN_LIMITS.pair.maxDelayMs);
    expect(backoffAfter(free - 1)).toBe(0);
  });

  it("a success ends the streak: the free attempts are free again", async () => {
    const email = world.users.customManage.email;
    const ip = "10.70.0.1";
    let now = Date.now();
    at(now);
    for (let i = 0; i < free; i++) await attempt(email, "wrong", ip);
    now += backoffAfter(free);
    at(now);
    expect(await attempt(email, PASSWORD, ip)).toBe("ok");
    for (let i = 0; i < free; i++) expect(await attempt(email, "wrong", ip)).toBe("UNAUTHENTICATED");
  });

  it("limits failures per IP across accounts; another IP is unaffected", async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.ip.max; i++) await attempt(`spray-${i}@example.com`, "x", "10.9.9.9");
    expect(await attempt(world.users.orgAdmin.email, PASSWORD, "10.9.9.9")).toBe("RATE_LIMITED");
    expect(await attempt(world.users.orgAdmin.email, PASSWORD, "10.9.9.10")).toBe("ok");
  });

  it("successful sign-ins do not use up the IP's budget", async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.ip.max + 5; i++) {
      expect(await attempt(world.users.otherOrgAdmin.email, PASSWORD, "10.80.0.1")).toBe("ok");
    }
  });

  it("keeps the limits in the database, where every instance sees them", async () => {
    await attempt("shared@example.com", "wrong", "10.90.0.1");
    expect(await db().rateLimit.findUnique({ where: { key: "pair:shared@example.com|10.90.0.1" } })).toMatchObject({
      count: 1,
    });
  });
});
