import { afterEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { proxy } from "@/proxy";

/** The request headers proxy.ts hands on to the app, as Next encodes them in the middleware response. */
function forwarded(response: Response): Map<string, string> {
  const names = (response.headers.get("x-middleware-override-headers") ?? "").split(",").filter(Boolean);
  return new Map(names.map((n) => [n, response.headers.get(`x-middleware-request-${n}`) ?? ""]));
}

const spoofed = () => new NextRequest("http://127.0.0.1:3000/login", { headers: { "x-forwarded-for": "6.6.6.6" } });

afterEach(() => vi.unstubAllEnvs());

describe("proxy", () => {
  it("drops a client-sent X-Forwarded-For when no proxy is trusted, so Next writes the socket address", () => {
    vi.stubEnv("TRUSTED_PROXIES", "");
    expect(forwarded(proxy(spoofed())).has("x-forwarded-for")).toBe(false);
  });

  it("keeps X-Forwarded-For for the app to read when proxies are trusted", () => {
    vi.stubEnv("TRUSTED_PROXIES", "1");
    expect(forwarded(proxy(spoofed())).get("x-forwarded-for")).toBe("6.6.6.6");
  });

  it("sends HSTS only when PUBLIC_URL is https", () => {
    vi.stubEnv("PUBLIC_URL", "https://console.example.com");
    expect(proxy(spoofed()).headers.get("strict-transport-security")).toBe("max-age=31536000");
    vi.stubEnv("PUBLIC_URL", "http://127.0.0.1:3000");
    expect(proxy(spoofed()).headers.get("strict-transport-security")).toBeNull();
  });

  it("answers a server action from another origin with 403 instead of Next's 500; its own origin passes", () => {
    const action = (origin: string) =>
      new NextRequest("http://127.0.0.1:3000/login", {
        method: "POST",
        headers: { "next-action": "abc", origin, host: "127.0.0.1:3000" },
      });
    expect(proxy(action("https://evil.example")).status).toBe(403);
    expect(proxy(action("null")).status).toBe(403);
    expect(proxy(action("http://127.0.0.1:3000")).headers.get("x-middleware-next")).toBe("1");
  });

  it("believes a client's X-Forwarded-Host only behind a trusted proxy", () => {
    const action = () =>
      new NextRequest("http://127.0.0.1:3000/login", {
        method: "POST",
        headers: {
          "next-action": "abc",
          origin: "http://evil.example",
          host: "127.0.0.1:3000",
          "x-forwarded-host": "evil.example",
        },
      });
    vi.stubEnv("TRUSTED_PROXIES", "");
    expect(proxy(action()).status).toBe(403);
    const page = proxy(
      new NextRequest("http://127.0.0.1:3000/login", { headers: { "x-forwarded-host": "evil.example" } }),
    );
    expect(forwarded(page).has("x-forwarded-host")).toBe(false);
    vi.stubEnv("TRUSTED_PROXIES", "1");
    expect(proxy(action()).headers.get("x-middleware-next")).toBe("1");
  });

  it("refuses a form-posted action (no Next-Action header) from another origin, and any page POST without Origin", () => {
    const form = (headers: Record<string, string>) =>
      new NextRequest("http://127.0.0.1:3000/orgs/sample-org/resources/tls/keystores/ks", {
        method: "POST",
        headers: { host: "127.0.0.1:3000", "content-type": "multipart/form-data; boundary=x", ...headers },
      });
    expect(proxy(form({ origin: "http://evil.test" })).status).toBe(403);
    expect(proxy(form({})).status).toBe(403);
    expect(proxy(form({ "next-action": "abc" })).status).toBe(403);
    expect(proxy(form({ origin: "http://127.0.0.1:3000" })).headers.get("x-middleware-next")).toBe("1");
  });
});
