import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";
import { E2E_ADMIN, expect, signIn, test } from "./fixtures";

const MALFORMED = "%E0%A4%A";

test.describe("request edges against the production server", () => {
  test("a signed-in browser's cookie writes only from the console's own origin", async ({ page }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    const url = "/api/orgs/admin/keystores/tls-server-keystore-default";
    const foreign = await page.request.delete(url, { headers: { origin: "https://evil.example" } });
    expect(foreign.status()).toBe(403);
    const none = await page.request.delete(url);
    expect(none.status()).toBe(403);
    // From the console's own origin the request reaches the data layer, which protects the default (409).
    const own = await page.request.delete(url, { headers: { origin: new URL(page.url()).origin } });
    expect(own.status()).toBe(409);
    // A server action posted from another site is refused with 403 (Next itself would answer 500).
    const action = await page.request.post("/orgs/admin/members", {
      headers: { origin: "https://evil.example", "next-action": "0".repeat(42), "content-type": "text/plain" },
      data: "[]",
    });
    expect(action.status()).toBe(403);
  });

  test("malformed percent-escapes in paths and cookies answer 4xx, never 500", async ({ page }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    for (const path of [
      `/api/orgs/sample-org/keystores/${MALFORMED}`,
      `/api/orgs/${MALFORMED}/truststores`,
      `/api/orgs/sample-org/tls-client-profiles/x/${MALFORMED}`,
      `/orgs/sample-org/resources/tls/client-profiles/x/${MALFORMED}`,
      `/orgs/sample-org/resources/tls/server-profiles/x/${MALFORMED}`,
    ]) {
      const res = await page.request.get(path, { maxRedirects: 0 });
      expect(res.status(), path).toBeGreaterThanOrEqual(400);
      expect(res.status(), path).toBeLessThan(500);
    }
    const forged = await page.request.get("/api/orgs/sample-org/keystores", {
      headers: { cookie: `tls_console_session=${MALFORMED}` },
    });
    expect(forged.status()).toBe(401);
  });

  test("a REST body is counted while it streams: 413 arrives before the client has finished sending", async ({
    page,
  }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    const url = new URL("/api/orgs/admin/keystores", page.url());
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    // Chunked, no Content-Length, and never ended: a server that buffers the whole body first never answers.
    const req = httpRequest(url, {
      method: "POST",
      headers: { cookie, origin: url.origin, "content-type": "application/json", "transfer-encoding": "chunked" },
    });
    const status = new Promise<number>((resolve, reject) => {
      req.on("response", (res) => resolve(res.statusCode ?? 0));
      req.on("error", reject);
    });
    req.write('{"title":"');
    for (let i = 0; i < 8; i++) req.write("A".repeat(1024 * 1024));
    try {
      expect(await Promise.race([status, new Promise((r) => setTimeout(() => r("no answer in 10 s"), 10_000))])).toBe(
        413,
      );
    } finally {
      req.destroy();
    }
  });

  test("REST answers carry a request id of their own and a malformed path escape is a JSON 400", async ({
    request,
  }) => {
    const res = await request.get(`/api/orgs/sample-org/keystores/%E0%A4%A`, {
      headers: { "x-request-id": "forged-id-1" },
    });
    expect(res.status()).toBe(400);
    expect(await res.json()).toMatchObject({ status: 400, message: "The path holds a malformed percent-escape." });
    expect(res.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("a details page of something that does not exist answers 404, not a 200 page saying so", async ({
    page,
    consoleErrors,
  }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    for (const path of [
      "/orgs/sample-org/resources/tls/keystores/no-such-store",
      "/orgs/sample-org/resources/tls/truststores/no-such-store",
      "/orgs/sample-org/resources/tls/client-profiles/no-such-profile/1.0.0",
      "/orgs/sample-org/resources/tls/server-profiles/no-such-profile/1.0.0",
    ]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: "404 — not found" })).toBeVisible();
    }
    // Chromium logs each 404 document load; those are the ones this test asked for.
    expect(consoleErrors).toEqual(Array(4).fill(expect.stringContaining("404")));
    consoleErrors.length = 0;
    // The lists keep their loading skeleton and still answer 200.
    expect((await page.goto("/orgs/sample-org/resources/tls/keystores"))?.status()).toBe(200);
  });

  test("a production server started with another MASTER_KEY stops with a clear message", async () => {
    // Same database as the running server (seeded under the test key); port 0: any free loopback port.
    const server = spawn("npx", ["next", "start", "-p", "0", "-H", "127.0.0.1"], {
      env: { ...process.env, DATABASE_URL: "file:./data/e2e.db", MASTER_KEY: randomBytes(32).toString("hex") },
    });
    let output = "";
    server.stdout.on("data", (d) => (output += d));
    server.stderr.on("data", (d) => (output += d));
    // A server that does not stop is a failure too; do not leave it running.
    const guard = setTimeout(() => server.kill(), 40_000);
    const code = await new Promise<number | null>((resolve) => server.on("exit", resolve));
    clearTimeout(guard);
    expect(code).toBe(1);
    expect(output).toContain("MASTER_KEY is not the key this database's private keys were sealed with");
  });

  // In the admin organization: other specs expect sample-org to start without client profiles.
  test("the profiles table sorts titles case-insensitively", async ({ page }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    const origin = new URL(page.url()).origin;
    for (const title of ["Sortcheck Zulu", "sortcheck alpha"]) {
      const res = await page.request.post("/api/orgs/admin/tls-client-profiles", {
        headers: { origin },
        data: { title, version: "1.0.0", protocols: ["tls_v1.3"], ciphers: ["TLS_AES_256_GCM_SHA384"] },
      });
      expect(res.status()).toBe(201);
    }
    await page.goto("/orgs/admin/resources/tls?q=sortcheck&sort=title");
    const links = page.getByRole("link", { name: /^sortcheck/i });
    await expect(links).toHaveCount(2);
    await expect(links).toHaveText(["sortcheck alpha", "Sortcheck Zulu"]);
  });
});

test.describe("a reader in another time zone and locale", () => {
  test.use({ timezoneId: "Pacific/Auckland", locale: "de-DE" });

  test("times hydrate without a mismatch and then read in the reader's own zone", async ({ page }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto("/orgs/admin/resources/tls/keystores");
    // The row's last time is "Updated" (a full time); "Expires" before it is a UTC day.
    const updated = page.locator("tbody tr").first().locator("time").last();
    const iso = (await updated.getAttribute("datetime"))!;
    const local = new Date(iso).toLocaleString("de-DE", { timeZone: "Pacific/Auckland" });
    // The server rendered UTC; the browser's own wording replaced it, and the console stayed clean (the fixture).
    await expect(updated).toHaveText(local);
  });
});
