import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { issue } from "../lib/crypto/pki";
import { E2E_ADMIN, expect, expectNoSeriousA11yViolations, signIn, test } from "./fixtures";

const TLS = "/orgs/sample-org/resources/tls";
const API = "/api/orgs/sample-org";
const dir = mkdtempSync(path.join(tmpdir(), "tls-findings-"));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};
const now = new Date();
// A truststore holding what lint warns about: a certificate that is not a CA, and a CA that expired.
const notCa = issue(now, { commonName: "not-a-ca.e2e.test", usage: "server" });
const expiredCa = issue(now, { commonName: "Expired E2E Root", usage: "ca", fromDays: -800, toDays: -30 });
const badTrust = file("bad-trust.pem", notCa.certPem + expiredCa.certPem);
// A keystore an RSA 3072 policy refuses.
const rsaCa = issue(now, { commonName: "E2E Walk CA", usage: "ca" });
const rsa2048 = issue(now, { commonName: "rsa2048.e2e.test", usage: "server", keyKind: "rsa-2048" }, rsaCa);
const rsaPem = file("rsa2048.pem", rsa2048.keyPem + rsa2048.certPem + rsaCa.certPem);

/**
 * What a first-time administrator meets around lint and the policy beyond the happy path: a legacy profile's
 * details page rendered on the server, findings before a store is saved and each fact shown once after, and a
 * refused upload that keeps what was typed and takes focus to the file it refused.
 */
test.describe.serial("Lint findings and policy refusals, walked", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  });

  // Later specs expect sample-org without these objects and with the open policy.
  test.afterAll(async ({ browser }) => {
    const baseURL = test.info().project.use.baseURL!;
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    const headers = { origin: new URL(baseURL).origin };
    expect((await page.request.put(`${API}/tls-policy`, { data: {}, headers })).status()).toBe(200);
    await page.request.delete(`${API}/tls-client-profiles/walk-legacy/1.0.0`, { headers });
    await page.request.delete(`${API}/truststores/walk-bad-anchors`, { headers });
    await context.close();
  });

  test("a legacy profile's details page: the legacy tag is rendered by the server, the table counts warnings", async ({
    page,
  }) => {
    await page.goto(`${TLS}/client-profiles/new`);
    await page.getByLabel("Title").fill("Walk legacy");
    await page.getByLabel("Preset").selectOption({ label: "Legacy compatibility (legacy)" });
    await page.getByRole("button", { name: "Apply preset" }).click();
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await expect(page.getByText("Profile created")).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: "Walk legacy" }).getByText("2 warnings")).toBeVisible();

    // Loaded fresh, so the page's HTML comes from the server and must hydrate (a page error fails the test).
    await page.goto(`${TLS}/client-profiles/walk-legacy/1.0.0`);
    await expect(page.getByTestId("preset-match")).toContainText("Matches Legacy compatibility");
    await expect(page.getByTestId("preset-match")).toContainText("Legacy: weak by design");
    const findings = page.getByRole("region", { name: "Findings", exact: true });
    // Many weak suites are counted per weakness, not listed one by one.
    await expect(findings).toContainText(/12 weak suites selected: \d+ with CBC with SHA-1 MAC/);
    await expectNoSeriousA11yViolations(page);
  });

  test("a truststore's findings show before it is saved, and once (not twice) on its page", async ({ page }) => {
    await page.goto(`${TLS}/truststores/new`);
    await page.getByLabel("Title").fill("Walk bad anchors");
    await page.locator('input[type="file"]').setInputFiles(badTrust);
    await page.getByRole("button", { name: "Check files" }).click();
    const review = page.getByRole("region", { name: "Review before saving" });
    await expect(review).toContainText("2 findings");
    await expect(review).toContainText("Not a CA certificate: 'not-a-ca.e2e.test'");
    await expect(review).toContainText("Expired: 'Expired E2E Root'");
    await expect(review.getByText(/^\d+ warnings?$/)).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("button", { name: "Create truststore" }).click();
    await expect(page.getByText("Truststore created")).toBeVisible();

    await expect(page.getByRole("region", { name: "Findings", exact: true })).toContainText("2 findings");
    // The upload warnings that say the same facts are not repeated beside the findings.
    await expect(page.getByText("is not a CA certificate; it can only match itself")).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
  });

  test("under an RSA 3072 policy an RSA 2048 upload is refused at the file when checked; the title typed is kept", async ({
    page,
  }) => {
    await page.goto("/orgs/sample-org/settings/tls-policy");
    await page.getByLabel("Minimum RSA key size (bits)").fill("3072");
    await page.getByRole("button", { name: "Save policy" }).click();
    await expect(page.getByText("TLS policy saved")).toBeVisible();

    await page.goto(`${TLS}/keystores/new`);
    await page.getByLabel("Title").fill("Walk RSA 2048");
    await page.locator('input[type="file"]').setInputFiles(rsaPem);
    // Refused at "Check files" already: the review never shows as fine what saving would refuse.
    await page.getByRole("button", { name: "Check files" }).click();
    await expect(page.getByRole("region", { name: "Review before saving" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Create keystore" })).toHaveCount(0);
    const refusal = page.locator("#files-error");
    await expect(refusal).toHaveText("policy: RSA keys have at least 3072 bits (this key is RSA 2048)");
    // Focus is on the drop zone the refusal describes, and nothing typed is lost.
    // The drop zone's button, not the hidden file input behind it (which has the same name).
    const dropZone = page.locator("button.cds--file__drop-container");
    await expect(dropZone).toBeFocused();
    await expect(dropZone).toHaveAccessibleDescription(/policy: RSA keys have at least 3072 bits/);
    await expect(page.getByLabel("Title")).toHaveValue("Walk RSA 2048");
    await expect(page.getByText("rsa2048.pem")).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("key generation that breaks the policy is refused at its fields; focus goes to the first", async ({ page }) => {
    await page.goto("/orgs/sample-org/settings/tls-policy");
    await expect(page.getByLabel("Minimum RSA key size (bits)")).toHaveValue("3072");
    await page.getByLabel("Maximum certificate lifetime (days)").fill("398");
    await page.getByRole("button", { name: "Save policy" }).click();
    await expect(page.getByText("TLS policy saved")).toBeVisible();

    await page.goto(`${TLS}/keystores/new`);
    await page.getByText("Self-signed, for tests and internal use").click();
    await page.getByLabel("Title").fill("Walk generated");
    await page.getByLabel("Key type").selectOption("rsa-2048");
    await page.getByLabel("Common name (CN)").fill("walk.e2e.test");
    await page.getByLabel("Validity (days)").fill("800");
    await page.getByRole("button", { name: "Create self-signed keystore" }).click();
    await expect(page.getByText("policy: RSA keys have at least 3072 bits (this key is RSA 2048)")).toBeVisible();
    await expect(
      page.getByText("policy: certificates are valid for at most 398 days (this one would be valid for 800 days)"),
    ).toBeVisible();
    await expect(page.getByLabel("Key type")).toBeFocused();
    await expect(page.getByLabel("Title")).toHaveValue("Walk generated");
    await expect(page).toHaveURL(new RegExp(`${TLS}/keystores/new$`));
  });
});
