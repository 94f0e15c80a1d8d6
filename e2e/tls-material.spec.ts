import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { issue } from "../lib/crypto/pki";
import {
  E2E_ADMIN,
  ensureViewerAndMember,
  expect,
  expectNoSeriousA11yViolations,
  signIn,
  test,
  VIEWER,
} from "./fixtures";

const TLS = "/orgs/sample-org/resources/tls";
const dir = mkdtempSync(path.join(tmpdir(), "tls-e2e-"));
const now = new Date();
const ca = issue(now, { commonName: "E2E Partner CA", usage: "ca" });
const server = issue(now, { commonName: "gateway.e2e.test", usage: "server", dnsNames: ["gateway.e2e.test"] }, ca);
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};
const bundlePem = file("gateway.pem", server.keyPem + server.certPem + ca.certPem);
const caPem = file("partner-ca.pem", ca.certPem);
const p12 = path.resolve("tests/vectors/pkcs12/pbes2-aes128.p12");

test.describe.serial("Keystores, truststores and TLS server profiles", () => {
  test("upload a keystore from PEM, review it, then read its details", async ({ page }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto(`${TLS}/keystores`);
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await page.getByLabel("Title").fill("Gateway server");
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue("gateway-server");
    await page.locator('input[type="file"]').setInputFiles(bundlePem);
    await expect(page.getByText("gateway.pem")).toBeVisible();
    await page.getByRole("button", { name: "Check files" }).click();
    await expect(page.getByRole("heading", { name: "Leaf certificate: CN=gateway.e2e.test" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Root CA: CN=E2E Partner CA" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("button", { name: "Create keystore" }).click();
    await expect(page.getByText("Keystore created")).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`${TLS}/keystores/gateway-server$`));
    await expect(page.getByText("EC P-256 private key")).toBeVisible();
    await expect(page.getByText("DNS:gateway.e2e.test")).toBeVisible();
    await expect(page.getByText(server.certPem.slice(30, 60))).toHaveCount(0);
    await expect(page.locator("body")).not.toContainText("PRIVATE KEY");
    // The raw document, RSC payload included, of every page showing the keystore: no key material.
    const keyBody = server.keyPem.split("\n")[1].slice(0, 40);
    for (const url of [
      `${TLS}/keystores/gateway-server`,
      `${TLS}/keystores/gateway-server/rotate`,
      `${TLS}/keystores`,
    ]) {
      const html = await (await page.request.get(url)).text();
      expect(html).not.toContain("PRIVATE KEY");
      expect(html).not.toContain(keyBody);
    }
    await expectNoSeriousA11yViolations(page);
  });

  test("a password-protected .p12 asks for its password at the field, then uploads", async ({ page }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto(`${TLS}/keystores/new`);
    await page.getByLabel("Title").fill("Example com");
    await page.locator('input[type="file"]').setInputFiles(p12);
    await page.getByRole("button", { name: "Check files" }).click();
    const password = page.getByLabel("Password (if the key or PKCS#12 file is encrypted)");
    await expect(password).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("protected by a password")).toBeVisible();
    await password.fill("rHyQTJsubhfxcpH5JttyilHE6BBsNoZp");
    await page.getByRole("button", { name: "Check files" }).click();
    await expect(
      page.getByText("3E:F0:28:09:A8:A1:FD:40:F5:8D:6A:17:B9:CA:55:50:C8:33:A6:5B:3F:95:99:B1:7A:5B:64:49:67:F3:99:23"),
    ).toBeVisible();
    await page.getByRole("button", { name: "Create keystore" }).click();
    await expect(page.getByText("Keystore created")).toBeVisible();
    await expect(page.getByText("RSA 2048 private key")).toBeVisible();
  });

  test("an expired certificate (legacy .p12) is refused until the user ticks Upload anyway", async ({ page }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto(`${TLS}/keystores/new`);
    await page.getByLabel("Title").fill("Legacy Azure");
    await page
      .locator('input[type="file"]')
      .setInputFiles(path.resolve("tests/vectors/pkcs12/windows-azure-tools-legacy.p12"));
    await page.getByRole("button", { name: "Check files" }).click();
    await expect(page.getByText('The certificate "CN=Windows Azure Tools" expired on 2015-10-02')).toBeVisible();
    await page.locator('label[for="allow_expired"]').click();
    await page.getByRole("button", { name: "Check files" }).click();
    await expect(page.getByText(/expired on 2015-10-02\./)).toBeVisible();
    await page.getByRole("button", { name: "Create keystore" }).click();
    await expect(page.getByText("Keystore created")).toBeVisible();
    await expect(page.getByText("Expired", { exact: true }).first()).toBeVisible();
  });

  test("create a truststore and a mutual-TLS server profile that uses both", async ({ page }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto(`${TLS}/truststores/new`);
    await page.getByLabel("Title").fill("Partner CAs");
    await page.locator('input[type="file"]').setInputFiles(caPem);
    await page.getByRole("button", { name: "Check files" }).click();
    await expect(page.getByRole("heading", { name: "Certificate 1: CN=E2E Partner CA" })).toBeVisible();
    await page.getByRole("button", { name: "Create truststore" }).click();
    await expect(page.getByText("Truststore created")).toBeVisible();

    await page.goto(`${TLS}/server-profiles/new`);
    await page.getByLabel("Title").fill("Partner mTLS");
    await page.getByLabel("Mutual authentication").selectOption("require");
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await expect(page.getByText("A keystore is required")).toBeVisible();
    await expect(page.getByText("A truststore is required when mutual authentication")).toBeVisible();
    await page.getByLabel("Keystore", { exact: true }).selectOption("gateway-server");
    await page.getByLabel("Truststore", { exact: true }).selectOption("partner-cas");
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await expect(page.getByText("Profile created")).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`${TLS}/server-profiles$`));
    await expect(page.getByRole("link", { name: "Partner mTLS" })).toBeVisible();
    await expect(page.getByText("mTLS: require")).toBeVisible();
  });

  test("deleting a keystore in use is refused and names the profile that uses it", async ({ page }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto(`${TLS}/keystores/gateway-server`);
    await expect(
      page.getByRole("region", { name: "Used by" }).getByRole("link", { name: "Partner mTLS 1.0.0" }),
    ).toBeVisible();
    await page.getByRole("button", { name: "Delete" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: "Delete" }).click();
    await expect(dialog.getByRole("alert")).toContainText("Partner mTLS (partner-mtls:1.0.0)");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await page.reload();
    await expect(page.getByRole("heading", { name: "Gateway server", level: 1 })).toBeVisible();
  });

  test("a Settings: View user reads keystores without any write control", async ({ page }) => {
    await ensureViewerAndMember(page);
    await page.context().clearCookies();
    await signIn(page, VIEWER.email, VIEWER.password);
    await page.goto(`${TLS}/keystores`);
    await expect(page.getByRole("link", { name: "Gateway server" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Create" })).toHaveCount(0);
    await page.getByRole("link", { name: "Gateway server" }).click();
    await expect(page.getByRole("heading", { name: "Leaf certificate: CN=gateway.e2e.test" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Download certificate chain (PEM)" })).toBeVisible();
    for (const control of ["Replace key and certificates", "Delete", "Edit title and summary"])
      await expect(
        page.getByRole("button", { name: control }).or(page.getByRole("link", { name: control })),
      ).toHaveCount(0);
    const sameOrigin = { headers: { origin: new URL(page.url()).origin } };
    expect((await page.request.delete(`/api/orgs/sample-org/keystores/gateway-server`, sameOrigin)).status()).toBe(403);
    await expectNoSeriousA11yViolations(page);
  });

  test("the installation defaults are tagged and protected, and offer a copy", async ({ page }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto("/orgs/admin/resources/tls/keystores");
    const row = page.getByRole("row", { name: /Default TLS server keystore/ });
    await expect(row.getByText("Default", { exact: true })).toBeVisible();
    await row.getByRole("button", { name: "Actions for Default TLS server keystore" }).click();
    await expect(page.getByRole("menuitem", { name: "Delete" })).toHaveCount(0);
    await page.keyboard.press("Escape");
    // Scan the table at rest, not under the pointer's hover colours.
    await page.mouse.move(0, 0);
    await expectNoSeriousA11yViolations(page);

    await page.goto("/orgs/admin/resources/tls/server-profiles/tls-server-profile-default/1.0.0");
    await expect(page.getByText("Default TLS server profile.")).toBeVisible();
    await expect(page.getByLabel("Title")).toBeDisabled();
    await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
    await page.getByRole("link", { name: "Duplicate to customize" }).click();
    await expect(page.getByLabel("Title")).toHaveValue("Default TLS server profile (copy)");
    const api = await page.request.delete("/api/orgs/admin/keystores/tls-server-keystore-default", {
      headers: { origin: new URL(page.url()).origin },
    });
    expect(api.status()).toBe(409);
    expect((await api.json()).message).toContain("cannot be edited or deleted");
  });
});
