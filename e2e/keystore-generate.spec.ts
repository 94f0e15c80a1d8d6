import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { opensslCa, opensslCsr, signCsr } from "../tests/helpers/openssl";
import { E2E_ADMIN, expect, expectNoSeriousA11yViolations, signIn, test } from "./fixtures";

/** Issue 10: a key generated in the console, its CSR downloaded and signed here, the certificate uploaded. */
const TLS = "/orgs/sample-org/resources/tls";
const dir = mkdtempSync(path.join(tmpdir(), "keygen-e2e-"));
const ca = opensslCa("E2E Signing CA");
const file = (name: string, bytes: string | Buffer) => {
  const p = path.join(dir, name);
  writeFileSync(p, bytes);
  return p;
};
const CREATED = ["e2e-generated", "e2e-self-signed"];

test.describe.serial("Keystores generated in the console", () => {
  test.afterAll(async ({ browser }) => {
    // Other specs count sample-org's objects: leave none behind.
    const page = await browser.newPage();
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    const origin = { headers: { origin: new URL(page.url()).origin } };
    for (const name of CREATED) await page.request.delete(`/api/orgs/sample-org/keystores/${name}`, origin);
    await page.close();
  });

  test("generate a key and CSR, download the CSR, upload the signed certificate", async ({ page }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto(`${TLS}/keystores/new`);
    await page.getByText("Generate key and CSR: the key never leaves the console").click();
    await page.getByLabel("Title").fill("E2E generated");
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue("e2e-generated");
    await page.getByLabel("Key type").selectOption("rsa-2048");
    await page.getByLabel("Common name (CN)").fill("gen.e2e.test");
    await page.getByLabel("Organization (O, optional)").fill("E2E Org");
    // The common name is offered as the first DNS name.
    await expect(page.getByLabel("Name 1", { exact: true })).toHaveValue("gen.e2e.test");
    // "Add a name" puts the caret in the new row, so a keyboard user types the name at once.
    await page.getByRole("button", { name: "Add a name" }).click();
    await expect(page.getByLabel("Name 2", { exact: true })).toBeFocused();
    await page.keyboard.type("spare.e2e.test");
    await expect(page.getByLabel("Name 2", { exact: true })).toHaveValue("spare.e2e.test");
    // Removing a row moves focus to the row that took its place, not to the page's start.
    await page.getByRole("button", { name: "Remove name 2" }).click();
    await expect(page.getByRole("button", { name: "Add a name" })).toBeFocused();
    await page.getByRole("button", { name: "Add a name" }).click();
    await page.getByLabel("Type of name 2").selectOption("IP");
    await page.getByLabel("Name 2", { exact: true }).fill("not-an-ip");
    await page.getByText("Both", { exact: true }).click();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("button", { name: "Generate key and CSR" }).click();
    await expect(page.getByText('"not-an-ip" is not an IPv4 or IPv6 address')).toBeVisible();
    await page.getByLabel("Name 2", { exact: true }).fill("10.0.0.5");
    await page.getByRole("button", { name: "Generate key and CSR" }).click();

    await expect(page).toHaveURL(new RegExp(`${TLS}/keystores/e2e-generated$`));
    await expect(page.getByText("Awaiting certificate").first()).toBeVisible();
    await expect(page.getByText("O=E2E Org, CN=gen.e2e.test")).toBeVisible();
    await expect(page.getByText("DNS:gen.e2e.test, IP:10.0.0.5")).toBeVisible();
    await expect(page.getByText("Server and client (serverAuth, clientAuth)")).toBeVisible();
    const html = await (await page.request.get(`${TLS}/keystores/e2e-generated`)).text();
    expect(html).toContain("BEGIN CERTIFICATE REQUEST");
    expect(html).not.toContain("PRIVATE KEY");
    await expect(page.getByRole("region", { name: "Findings", exact: true })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download CSR (PEM)" }).click();
    const csrPem = readFileSync(await (await download).path(), "utf8");
    expect(csrPem).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----/);

    // The list shows the state.
    await page.goto(`${TLS}/keystores?q=e2e-generated`);
    await expect(page.getByRole("cell", { name: "Awaiting certificate" })).toBeVisible();
    // Nothing was checked yet: the findings column does not call it clean.
    const awaitingRow = page.getByRole("row").filter({ hasText: "E2E generated" });
    await expect(awaitingRow.getByText("Not checked yet")).toBeVisible();
    await expect(awaitingRow.getByText("No findings")).toHaveCount(0);
    await page.getByRole("link", { name: "E2E generated" }).click();

    // A certificate for another key is refused at the field, and nothing changes.
    const stranger = signCsr(opensslCsr("gen.e2e.test"), ca);
    await page.locator('input[type="file"]').setInputFiles(file("stranger.pem", stranger));
    await page.getByRole("button", { name: "Upload certificate" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "not issued for this keystore's key" })).toBeVisible();
    await expect(page.getByText("Awaiting certificate").first()).toBeVisible();
    // Focus is back on the control that held the certificate, which names the reason.
    // (The hidden file input carries the same name: the drop zone is the visible button.)
    const dropZone = page.locator("button.cds--file__drop-container");
    await expect(dropZone).toBeFocused();
    await expect(dropZone).toHaveAccessibleDescription(/not issued for this keystore's key/);

    // The same refusal for a pasted certificate: at the text area, marked invalid, nothing lost.
    const signed = signCsr(csrPem, ca);
    await page.getByRole("button", { name: "Remove stranger.pem" }).click();
    const pasteField = page.getByLabel("Or paste the certificate (PEM)");
    await pasteField.fill(stranger.toString("utf8"));
    await page.getByRole("button", { name: "Upload certificate" }).click();
    await expect(pasteField).toBeFocused();
    await expect(pasteField).toHaveAttribute("aria-invalid", "true");
    // Carbon's text area names its error with aria-errormessage.
    const errorId = await pasteField.getAttribute("aria-errormessage");
    await expect(page.locator(`[id="${errorId}"]`)).toContainText("not issued for this keystore's key");
    await expect(pasteField).toHaveValue(stranger.toString("utf8"));
    await pasteField.fill(signed.toString("utf8") + ca.certPem);
    await page.getByRole("button", { name: "Upload certificate" }).click();
    await expect(page.getByText("Certificate uploaded: the keystore is active")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Leaf certificate: O=E2E Org, CN=gen.e2e.test" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Download certificate chain (PEM)" })).toBeVisible();
    await expect(page.getByText("RSA 2048 private key")).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("create a self-signed keystore; the list shows each keystore's state", async ({ page }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto(`${TLS}/keystores/new`);
    await page.getByText("Self-signed, for tests and internal use").click();
    await page.getByLabel("Title").fill("E2E self signed");
    await page.getByLabel("Name", { exact: true }).fill("e2e-self-signed");
    await page.getByLabel("Key type").selectOption("ed25519");
    await page.getByLabel("Common name (CN)").fill("self.e2e.test");
    await page.getByLabel("Validity (days)").fill("30");
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("button", { name: "Create self-signed keystore" }).click();
    await expect(page).toHaveURL(new RegExp(`${TLS}/keystores/e2e-self-signed$`));
    await expect(page.getByText("Ed25519 private key")).toBeVisible();
    await expect(page.getByText("Awaiting certificate")).toHaveCount(0);

    await page.goto(`${TLS}/keystores?q=e2e`);
    await expect(page.getByRole("link", { name: "E2E self signed" })).toBeVisible();
    await expect(page.getByRole("link", { name: "E2E generated" })).toBeVisible();
    await expect(page.getByText("Awaiting certificate")).toHaveCount(0);
  });
});
