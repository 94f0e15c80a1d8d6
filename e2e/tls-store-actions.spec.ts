import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { issue } from "../lib/crypto/pki";
import { E2E_ADMIN, expect, expectNoSeriousA11yViolations, signIn, test } from "./fixtures";

/** The store-level writes of the details pages, and a name left empty in the forms (derived from the title). */
const TLS = "/orgs/sample-org/resources/tls";
const dir = mkdtempSync(path.join(tmpdir(), "tls-e2e-store-"));
const now = new Date();
const caA = issue(now, { commonName: "Store CA A", usage: "ca" });
const caB = issue(now, { commonName: "Store CA B", usage: "ca" });
const pair = (cn: string) => issue(now, { commonName: cn, usage: "server", dnsNames: [cn] }, caA);
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};
const first = pair("first.store.test");
const second = pair("second.store.test");
const firstPem = file("first.pem", first.keyPem + first.certPem + caA.certPem);
const secondPem = file("second.pem", second.keyPem + second.certPem + caA.certPem);
const caAPem = file("ca-a.pem", caA.certPem);
const caBPem = file("ca-b.pem", caB.certPem);

test.describe.serial("Store actions", () => {
  test("a keystore whose name is left empty is named from its title, then rotated", async ({ page }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto(`${TLS}/keystores/new`);
    await page.getByLabel("Title").fill("Rotating Key");
    await page.getByLabel("Name", { exact: true }).fill("");
    await page.locator('input[type="file"]').setInputFiles(firstPem);
    await page.getByRole("button", { name: "Check files" }).click();
    await page.getByRole("button", { name: "Create keystore" }).click();
    await expect(page.getByText("Keystore created")).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`${TLS}/keystores/rotating-key$`));

    await page.getByRole("link", { name: "Replace key and certificates" }).click();
    await page.locator('input[type="file"]').setInputFiles(secondPem);
    await page.getByRole("button", { name: "Check files" }).click();
    await expect(page.getByRole("heading", { name: "New" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    // Another host name: the diff's warning is confirmed before the swap (ADR 026).
    await page.getByText("I understand: san_removed").click();
    await page.getByRole("button", { name: "Replace key and certificates" }).click();
    await expect(page.getByText("Key and certificates replaced")).toBeVisible();
    // Back on the keystore page (the review's diff also names the new host until the page changes).
    await expect(page).toHaveURL(new RegExp(`${TLS}/keystores/rotating-key$`));
    await expect(page.getByText("DNS:second.store.test", { exact: true })).toBeVisible();
  });

  test("a truststore: edit with a refusal at the field, add certificates, remove one", async ({ page }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto(`${TLS}/truststores/new`);
    await page.getByLabel("Title").fill("Store CAs");
    await page.locator('input[type="file"]').setInputFiles(caAPem);
    await page.getByRole("button", { name: "Check files" }).click();
    await page.getByRole("button", { name: "Create truststore" }).click();
    await expect(page.getByText("Truststore created")).toBeVisible();

    await page.getByRole("button", { name: "Edit title and summary" }).click();
    const edit = page.getByRole("dialog");
    await edit.getByLabel("Title").fill("");
    await edit.getByRole("button", { name: "Save" }).click();
    await expect(edit.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
    await expect(edit.getByText("Title is required")).toBeVisible();
    await edit.getByLabel("Title").fill("Store CAs renamed");
    await edit.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Saved", { exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Store CAs renamed", level: 1 })).toBeVisible();

    await page.getByRole("link", { name: "Add certificates" }).click();
    await page.locator('input[type="file"]').setInputFiles(caBPem);
    await page.getByRole("button", { name: "Check files" }).click();
    await page.getByRole("button", { name: "Add certificates" }).click();
    await expect(page.getByText("Certificates added")).toBeVisible();
    await expect(page.getByText("CN=Store CA B").first()).toBeVisible();

    await page.getByRole("button", { name: "Remove CN=Store CA B" }).click();
    const remove = page.getByRole("dialog");
    await expectNoSeriousA11yViolations(page);
    await remove.getByRole("button", { name: "Remove" }).click();
    await expect(page.getByText("Certificate removed")).toBeVisible();
    // Gone from the certificates; the set it was in stays listed under Versions (ADR 026).
    await expect(page.getByRole("region", { name: "Certificates" }).getByText("CN=Store CA B")).toHaveCount(0);
  });

  test("a default keystore is duplicated from its details page", async ({ page }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto("/orgs/admin/resources/tls/keystores/tls-server-keystore-default");
    await page.getByRole("button", { name: "Duplicate to customize" }).click();
    await expect(page.getByText("Duplicated", { exact: true })).toBeVisible();
    await expect(page).toHaveURL(/\/orgs\/admin\/resources\/tls\/keystores\/tls-server-keystore-default-copy$/);
  });

  test("a client profile whose name is left empty is named from its title", async ({ page }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto(`${TLS}/client-profiles/new`);
    await page.getByLabel("Title").fill("Unnamed Client");
    await page.getByLabel("Name", { exact: true }).fill("");
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await expect(page.getByText("Profile created")).toBeVisible();
    await page.goto(`${TLS}/client-profiles/unnamed-client/1.0.0`);
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue("unnamed-client");
  });
});
