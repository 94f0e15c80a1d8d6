import { beforeAll, describe, expect, it, vi } from "vitest";
import { buildWorld } from "../helpers/world";

// Served over https: set before any module reads PUBLIC_URL.
const jar = vi.hoisted(() => {
  process.env.PUBLIC_URL = "https://console.example.test";
  return { set: [] as unknown[][], deleted: [] as unknown[], token: undefined as string | undefined };
});
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: () => (jar.token ? { value: jar.token } : undefined),
    set: (...args: unknown[]) => void jar.set.push(args),
    delete: (arg: unknown) => void jar.deleted.push(arg),
  }),
  headers: async () => new Headers({ "x-request-id": "cookie-test", "x-forwarded-for": "192.0.2.10" }),
}));

let world: Awaited<ReturnType<typeof buildWorld>>;
beforeAll(async () => {
  world = await buildWorld();
});

describe("the session cookie over https", () => {
  it("is __Host- prefixed, Secure, HttpOnly, Path=/ with no Domain, and cleared the same way", async () => {
    vi.resetModules(); // the setup files loaded the configuration before PUBLIC_URL was set
    const { signInAction, signOutAction } = await import("@/app/actions/auth");
    const result = await signInAction({ email: world.users.member.email, password: "correct horse battery staple" });
    expect(result).toEqual({ ok: true, data: null });
    const [name, token, options] = jar.set[0] as [string, string, Record<string, unknown>];
    expect(name).toBe("__Host-tls_console_session");
    expect(options).toMatchObject({ secure: true, httpOnly: true, path: "/", sameSite: "lax" });
    expect(options).not.toHaveProperty("domain");

    jar.token = token;
    await expect(signOutAction()).rejects.toThrow(/NEXT_REDIRECT/);
    expect(jar.deleted).toEqual([
      expect.objectContaining({ name: "__Host-tls_console_session", secure: true, path: "/" }),
    ]);
  });
});
