import type { AddressInfo } from "node:net";
import { createServer, type Server } from "node:tls";
import type { Page } from "@playwright/test";
import { issue } from "../lib/crypto/pki";
import { E2E_ADMIN, expect, expectNoSeriousA11yViolations, signIn, test } from "./fixtures";

const TLS = "/orgs/sample-org/resources/tls";
const API = "/api/orgs/sample-org";
const now = new Date();
const ca = issue(now, { commonName: "E2E Probe CA", usage: "ca" });
const serverPair = issue(now, { commonName: "probe.e2e.test", usage: "server", dnsNames: ["probe.e2e.test"] }, ca);
const profileBody = (title: string, extra: object = {}) => ({
  title,
  version: "1.0.0",
  protocols: ["tls_v1.2", "tls_v1.3"],
  // The catalogue itself (lib/tls/ciphers.ts) imports JSON, which Playwright's loader does not take.
  ciphers: ["TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"],
  ...extra,
});

/** A TLS server on loopback, started by the test: the e2e server may reach it (OUTBOUND_ALLOW=127.0.0.0/8). */
async function loopbackTls(): Promise<{ port: number; server: Server }> {
  const server = createServer({ key: serverPair.keyPem, cert: serverPair.certPem + ca.certPem }, (s) => s.end());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, server };
}

/** REST with the browser's session, as the console's own pages send it. */
function api(page: Page) {
  const headers = { origin: new URL(page.url()).origin };
  return {
    post: (path: string, data: object) => page.request.post(`${API}/${path}`, { headers, data }),
    patch: (path: string, data: object) => page.request.patch(`${API}/${path}`, { headers, data }),
    remove: (path: string) => page.request.delete(`${API}/${path}`, { headers }),
  };
}

test.describe.serial("Test connection and Check with a client profile", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  });

  test("a client profile's test: refused destination at the field, the untrusted diagnosis, then success; both in Recent tests", async ({
    page,
  }) => {
    const { port, server } = await loopbackTls();
    const rest = api(page);
    const created = await rest.post("tls-client-profiles", profileBody("E2E probe client"));
    expect(created.status(), await created.text()).toBe(201);
    try {
      await page.goto(`${TLS}/client-profiles/e2e-probe-client/1.0.0`);
      await expect(page.getByRole("heading", { name: "Test connection" })).toBeVisible();
      await expect(page.getByText("No tests yet")).toBeVisible();
      await expect(page.getByLabel("Port", { exact: true })).toHaveValue("443");
      await expectNoSeriousA11yViolations(page);

      // The cloud metadata address is refused by the outbound guard: said at the Host field, nothing kept.
      const host = page.getByLabel("Host", { exact: true });
      await host.fill("169.254.169.254");
      await page.getByRole("button", { name: "Run test" }).click();
      await expect(host).toHaveAccessibleDescription(/169\.254\.169\.254/);
      await expect(host).toBeFocused();
      await expect(page.getByText("No tests yet")).toBeVisible();

      await host.fill("127.0.0.1");
      await page.getByLabel("Port", { exact: true }).fill(String(port));
      await page.getByLabel("Server name (optional)").fill("probe.e2e.test");
      await page.getByRole("button", { name: "Run test" }).click();
      const failed = page.getByText(`Connection to 127.0.0.1:${port} failed (unknown_ca)`);
      await expect(failed).toBeVisible();
      await expect(page.getByRole("heading", { name: "Result", exact: true })).toBeFocused();
      // The chain the server sent, in its order.
      await expect(page.getByRole("heading", { name: "Position 0 (leaf): CN=probe.e2e.test" })).toBeVisible();
      await expect(page.getByRole("heading", { name: "Position 1: CN=E2E Probe CA" })).toBeVisible();
      const recent = page.getByRole("table", { name: "Recent tests" });
      await expect(
        recent.getByRole("row", { name: new RegExp(`by ${E2E_ADMIN.email} 127\\.0\\.0\\.1:${port}.*unknown ca`) }),
      ).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      // The fix is made in the profile's truststore, far up the page: one press takes the user there.
      await page.getByRole("button", { name: "Go to Truststore" }).click();
      await expect(page.getByLabel("Truststore (optional)")).toBeFocused();

      // Trusting the server's certificate (insecure mode) makes the same test pass.
      const patched = await rest.patch("tls-client-profiles/e2e-probe-client/1.0.0", {
        insecure_server_connections: true,
      });
      expect(patched.status(), await patched.text()).toBe(200);
      await page.reload();
      await page.getByLabel("Host", { exact: true }).fill("127.0.0.1");
      await page.getByLabel("Port", { exact: true }).fill(String(port));
      await page.getByLabel("Server name (optional)").fill("probe.e2e.test");
      await page.getByRole("button", { name: "Run test" }).click();
      await expect(page.getByText(`Connected to 127.0.0.1:${port}`)).toBeVisible();
      const summary = page.getByRole("region", { name: "Summary" });
      await expect(summary).toContainText(/Protocol\s*TLS 1\.3/);
      await expect(summary).toContainText("Not requested by the server");
      await expect(recent.getByRole("row")).toHaveCount(3);
      await expect(recent.getByRole("row").nth(1)).toContainText("Passed");

      // The scan's matrix fits a 1024 px wide window: the page does not scroll sideways.
      await page.setViewportSize({ width: 1024, height: 768 });
      await page.getByText("Scan server (slower)").click();
      await page.getByRole("button", { name: "Run test" }).click();
      await expect(page.getByText(/Scanning 4 protocols and 40 cipher suites/)).toBeVisible();
      const suites = page.getByRole("table", { name: "Cipher suites: server and profile" });
      await expect(suites.getByRole("row", { name: /TLS_AES_128_GCM_SHA256.*Yes.*Yes.*Both/ })).toBeVisible();
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
      ).toBe(0);
      await page.setViewportSize({ width: 1280, height: 720 });
      await expect(recent.getByRole("row")).toHaveCount(4);

      // Open the earlier, failed one in full; closing returns focus to its button.
      const view = recent.getByRole("button", { name: /^View the test of 127\.0\.0\.1/ }).nth(2);
      await view.click();
      const dialog = page.getByRole("dialog");
      await expect(dialog.getByText(`Connection to 127.0.0.1:${port} failed (unknown_ca)`)).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      await page.keyboard.press("Escape");
      await expect(dialog).toBeHidden();
      await expect(view).toBeFocused();
    } finally {
      server.close();
      // Other specs expect sample-org to hold no client profiles: the one made here goes again.
      expect((await rest.remove("tls-client-profiles/e2e-probe-client/1.0.0")).status()).toBe(204);
    }
  });

  test("a server profile's check with a client profile of the organization", async ({ page }) => {
    const rest = api(page);
    await page.goto(TLS);
    const keystore = await rest.post("keystores", {
      title: "E2E probe server",
      keystore: serverPair.keyPem + serverPair.certPem + ca.certPem,
    });
    expect(keystore.status(), await keystore.text()).toBe(201);
    const truststore = await rest.post("truststores", { title: "E2E probe CA", truststore: ca.certPem });
    expect(truststore.status(), await truststore.text()).toBe(201);
    const client = await rest.post(
      "tls-client-profiles",
      profileBody("E2E check client", { truststore_url: "e2e-probe-ca" }),
    );
    expect(client.status(), await client.text()).toBe(201);
    const serverProfile = await rest.post(
      "tls-server-profiles",
      profileBody("E2E probe server", { keystore_url: "e2e-probe-server" }),
    );
    expect(serverProfile.status(), await serverProfile.text()).toBe(201);
    const mutual = await rest.post(
      "tls-server-profiles",
      profileBody("E2E probe mutual", {
        keystore_url: "e2e-probe-server",
        truststore_url: "e2e-probe-ca",
        mutual_authentication: "require",
      }),
    );
    expect(mutual.status(), await mutual.text()).toBe(201);
    try {
      await page.goto(`${TLS}/server-profiles/e2e-probe-server/1.0.0`);
      await expect(page.getByRole("heading", { name: "Check with a client profile" })).toBeVisible();
      await expect(page.getByText("No checks yet")).toBeVisible();
      await expectNoSeriousA11yViolations(page);

      // Run without choosing: refused at the select, which gets focus.
      await page.getByRole("button", { name: "Run check" }).click();
      const select = page.getByLabel("Client profile", { exact: true });
      await expect(select).toBeFocused();
      await expect(page.getByText("Choose the client profile to connect with.")).toBeVisible();

      await select.selectOption("e2e-check-client:1.0.0");
      await page.getByRole("button", { name: "Run check" }).click();
      // Named by the client profile: the listener's ephemeral port means nothing to the reader.
      await expect(
        page.getByText("Client profile e2e-check-client:1.0.0 connected to this server profile"),
      ).toBeVisible();
      await expect(page.getByRole("heading", { name: "Result", exact: true })).toBeFocused();
      await expect(page.getByRole("region", { name: "Summary" })).toContainText(/Trusted by the client profile\s*Yes/);
      const recent = page.getByRole("table", { name: "Recent checks" });
      await expect(recent.getByRole("row", { name: /e2e-check-client:1\.0\.0.*Passed/ })).toBeVisible();
      await expectNoSeriousA11yViolations(page);

      // Mutual TLS required, and the client profile has no keystore: the fix is on the client profile's page.
      await page.goto(`${TLS}/server-profiles/e2e-probe-mutual/1.0.0`);
      await page.getByLabel("Client profile", { exact: true }).selectOption("e2e-check-client:1.0.0");
      await page.getByRole("button", { name: "Run check" }).click();
      await expect(
        page.getByText(
          "Client profile e2e-check-client:1.0.0 could not connect to this server profile (client_certificate_required)",
        ),
      ).toBeVisible();
      await expect(page.getByRole("status").getByText(/the client profile has no keystore/)).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      await page.getByRole("link", { name: "Open client profile e2e-check-client:1.0.0" }).click();
      await expect(page).toHaveURL(/\/client-profiles\/e2e-check-client\/1\.0\.0$/);
    } finally {
      for (const path of [
        "tls-server-profiles/e2e-probe-server/1.0.0",
        "tls-server-profiles/e2e-probe-mutual/1.0.0",
        "tls-client-profiles/e2e-check-client/1.0.0",
        "keystores/e2e-probe-server",
        "truststores/e2e-probe-ca",
      ])
        expect((await rest.remove(path)).status(), path).toBe(204);
    }
  });
});
