import { describe, expect, it } from "vitest";
import { servedOverHttps, sessionCookieName, sessionIdleMs } from "@/lib/server/platform/config";

describe("session configuration", () => {
  it("names the cookie __Host- when the console is served over https", () => {
    expect(sessionCookieName("https://console.example.com")).toBe("__Host-tls_console_session");
    expect(sessionCookieName("http://localhost:3000")).toBe("tls_console_session");
    expect(servedOverHttps("https://console.example.com")).toBe(true);
    expect(servedOverHttps("http://127.0.0.1:3000")).toBe(false);
  });

  it("reads SESSION_IDLE_MINUTES, 30 by default, and refuses nonsense", () => {
    expect(sessionIdleMs({})).toBe(30 * 60_000);
    expect(sessionIdleMs({ SESSION_IDLE_MINUTES: "5" })).toBe(5 * 60_000);
    for (const bad of ["0", "-3", "1.5", "soon"]) expect(() => sessionIdleMs({ SESSION_IDLE_MINUTES: bad })).toThrow();
  });
});
