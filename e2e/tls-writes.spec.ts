import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { issue } from "../lib/crypto/pki";
import { E2E_ADMIN, expect, expectNoSeriousA11yViolations, signIn, test } from "./fixtures";

/** The writing flows tls-material.spec.ts does not walk: edits, replacements, removals, duplicates, bulk deletes. */
const TLS = "/orgs/sample-org/resources/tls";
const ADMIN_TLS = "/orgs/admin/resources/tls";
const dir = mkdtempSync(path.join(tmpdir(), "tls-e2e-writes-"));
const now = new Date();
const ca = issue(now, { commonName: "Writes Root CA", usage: "ca" });
const second = issue(now, { commonName: "Writes Second CA", usage: "ca" });
const leaf = (host: string) => issue(now, { commonName: host, usage: "server", dnsNames: [host] }, ca);
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};
const bundle = (host: string) => {
  const pair = leaf(host);
  return file(`${host}.pem`, pair.keyPem + pair.certPem + ca.certPem);
};

async function uploadKeystore(page: Page, title: string, pem: string) {
  await page.goto(`${TLS}/keystores/new`);
  await page.getByLabel("Title").fill(title);
  await page.locator('input[type="file"]').setInputFiles(pem);
  await page.getByRole("button", { name: "Check files" }).click();
  await page.getByRole("button", { name: "Create keystore" }).click();
  await expect(page.getByText("Keystore created")).toBeVisible();
}

/** Carbon hides the native checkbox; people click its label, so the test does too. */
const select = (page: Page, resource: string, key: string) =>
  page.locator(`label[for="select-${resource}-${key}"]`).click();

test.describe.serial("Writing flows on TLS material", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  });

  test("keystore: edit title and summary, replace key and certificates, delete", async ({ page }) => {
    await uploadKeystore(page, "Rotating edge", bundle("edge-1.e2e.test"));
    await expect(page).toHaveURL(new RegExp(`${TLS}/keystores/rotating-edge$`));

    await test.step("edit title and summary in a dialog", async () => {
      await page.getByRole("button", { name: "Edit title and summary" }).click();
      const dialog = page.getByRole("dialog", { name: "Edit Rotating edge" });
      await dialog.getByLabel("Title").fill("Rotating edge gateway");
      await dialog.getByLabel("Summary (optional)").fill("Serves edge-1 until rotation");
      await dialog.getByRole("button", { name: "Save" }).click();
      await expect(page.getByText("Saved", { exact: true })).toBeVisible();
      await expect(page.getByRole("heading", { name: "Rotating edge gateway", level: 1 })).toBeVisible();
      await expect(page.getByText("Serves edge-1 until rotation")).toBeVisible();
    });

    await test.step("replace the key and certificates after reviewing both chains and confirming the diff's warning", async () => {
      await page.getByRole("link", { name: "Replace key and certificates" }).click();
      await page.locator('input[type="file"]').setInputFiles(bundle("edge-2.e2e.test"));
      await page.getByRole("button", { name: "Check files" }).click();
      await expect(page.getByRole("heading", { name: "Current", level: 3 })).toBeVisible();
      await expect(page.getByRole("heading", { name: "Leaf certificate: CN=edge-2.e2e.test" })).toBeVisible();
      // The same diff as a staged rotation (ADR 026): the old name goes, so the swap waits for a confirmation.
      await expect(page.getByRole("heading", { name: "What changes" })).toBeVisible();
      await expect(page.getByText("DNS:edge-1.e2e.test is no longer in the certificate")).toBeVisible();
      const replace = page.getByRole("button", { name: "Replace key and certificates" });
      await expect(replace).toBeDisabled();
      await expectNoSeriousA11yViolations(page);
      await page.getByText("I understand: san_removed").click();
      await replace.click();
      await expect(page.getByText("Key and certificates replaced")).toBeVisible();
      await expect(page).toHaveURL(new RegExp(`${TLS}/keystores/rotating-edge$`));
      await expect(page.getByText("DNS:edge-2.e2e.test")).toBeVisible();
      await expect(page.getByText("DNS:edge-1.e2e.test")).toHaveCount(0);
    });

    await test.step("delete asks first, then leaves for the list", async () => {
      await page.getByRole("button", { name: "Delete" }).click();
      const dialog = page.getByRole("dialog", { name: "Delete Rotating edge gateway?" });
      await expect(dialog).toContainText("cannot be recovered");
      await dialog.getByRole("button", { name: "Delete" }).click();
      await expect(page.getByText("Keystore deleted")).toBeVisible();
      await expect(page).toHaveURL(new RegExp(`${TLS}/keystores$`));
      await expect(page.getByRole("link", { name: "Rotating edge gateway" })).toHaveCount(0);
    });
  });

  test("truststore: add a certificate, remove one, edit, delete", async ({ page }) => {
    await page.goto(`${TLS}/truststores/new`);
    await page.getByLabel("Title").fill("Writes partners");
    await page.locator('input[type="file"]').setInputFiles(file("root.pem", ca.certPem));
    await page.getByRole("button", { name: "Check files" }).click();
    await page.getByRole("button", { name: "Create truststore" }).click();
    await expect(page.getByText("Truststore created")).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`${TLS}/truststores/writes-partners$`));

    await test.step("add a certificate", async () => {
      await page.getByRole("link", { name: "Add certificates" }).click();
      await page.locator('input[type="file"]').setInputFiles(file("second.pem", second.certPem));
      await page.getByRole("button", { name: "Check files" }).click();
      await expect(page.getByText("CN=Writes Second CA").first()).toBeVisible();
      await page.getByRole("button", { name: "Add certificates" }).click();
      await expect(page.getByText("Certificates added")).toBeVisible();
      await expect(page.getByRole("button", { name: "Remove CN=Writes Second CA" })).toBeVisible();
      await expect(page.getByRole("button", { name: "Remove CN=Writes Root CA" })).toBeVisible();
    });

    await test.step("remove a certificate after confirming", async () => {
      await page.getByRole("button", { name: "Remove CN=Writes Root CA" }).click();
      const dialog = page.getByRole("dialog", { name: "Remove CN=Writes Root CA?" });
      await dialog.getByRole("button", { name: "Remove" }).click();
      await expect(page.getByText("Certificate removed")).toBeVisible();
      // Gone from the certificates; the set it was in stays listed under Versions (ADR 026).
      await expect(page.getByRole("region", { name: "Certificates" }).getByText("CN=Writes Root CA")).toHaveCount(0);
      await expect(page.getByText("CN=Writes Second CA").first()).toBeVisible();
      // A truststore keeps at least one certificate: the last one offers no Remove.
      await expect(page.getByRole("button", { name: /^Remove / })).toHaveCount(0);
    });

    await test.step("edit the title", async () => {
      await page.getByRole("button", { name: "Edit title and summary" }).click();
      const dialog = page.getByRole("dialog", { name: "Edit Writes partners" });
      await dialog.getByLabel("Title").fill("Writes partner CAs");
      await dialog.getByRole("button", { name: "Save" }).click();
      await expect(page.getByRole("heading", { name: "Writes partner CAs", level: 1 })).toBeVisible();
    });

    await test.step("delete", async () => {
      await page.getByRole("button", { name: "Delete" }).click();
      await page
        .getByRole("dialog", { name: "Delete Writes partner CAs?" })
        .getByRole("button", { name: "Delete" })
        .click();
      await expect(page.getByText("Truststore deleted")).toBeVisible();
      await expect(page.getByRole("link", { name: "Writes partner CAs" })).toHaveCount(0);
    });
  });

  test("server profile: edit, delete from the table; keystore deleted by selection", async ({ page }) => {
    await uploadKeystore(page, "Writes server keystore", bundle("writes.e2e.test"));
    await page.goto(`${TLS}/server-profiles/new`);
    await page.getByLabel("Title").fill("Writes server profile");
    await page.getByLabel("Keystore", { exact: true }).selectOption("writes-server-keystore");
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await expect(page.getByText("Profile created")).toBeVisible();

    await test.step("edit", async () => {
      await page.getByRole("link", { name: "Writes server profile" }).click();
      await page.getByLabel("Summary (optional)").fill("Edited in the e2e run");
      await page.getByRole("button", { name: "Save" }).click();
      await expect(page.getByText("Profile saved")).toBeVisible();
      await page.getByRole("link", { name: "Writes server profile" }).click();
      await expect(page.getByLabel("Summary (optional)")).toHaveValue("Edited in the e2e run");
      await page.goto(`${TLS}/server-profiles`);
    });

    await test.step("delete from the row's menu", async () => {
      await page.getByRole("button", { name: "Actions for Writes server profile 1.0.0" }).click();
      await page.getByRole("menuitem", { name: "Delete" }).click();
      const dialog = page.getByRole("dialog", { name: "Delete Writes server profile 1.0.0?" });
      await dialog.getByRole("button", { name: "Delete" }).click();
      await expect(page.getByText("TLS server profile deleted")).toBeVisible();
      await expect(page.getByRole("link", { name: "Writes server profile" })).toHaveCount(0);
    });

    await test.step("the keystore, no longer used, is deleted by selecting it", async () => {
      await page.goto(`${TLS}/keystores`);
      await select(page, "keystores", "writes-server-keystore");
      await page.getByRole("button", { name: "Delete", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: "Delete Writes server keystore?" });
      await dialog.getByRole("button", { name: "Delete" }).click();
      await expect(page.getByText("Keystore deleted")).toBeVisible();
      await expect(page.getByRole("link", { name: "Writes server keystore" })).toHaveCount(0);
    });
  });

  test("client profiles: two selected are deleted together", async ({ page }) => {
    for (const title of ["Writes batch one", "Writes batch two"]) {
      await page.goto(`${TLS}/client-profiles/new`);
      await page.getByLabel("Title").fill(title);
      await page.getByRole("button", { name: "Create", exact: true }).click();
      await expect(page.getByText("Profile created")).toBeVisible();
    }
    await page.goto(TLS);
    await select(page, "tls-client-profiles", "writes-batch-one:1.0.0");
    await select(page, "tls-client-profiles", "writes-batch-two:1.0.0");
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Delete 2 TLS client profiles?" });
    await dialog.getByRole("button", { name: "Delete" }).click();
    await expect(page.getByText("2 TLS client profiles deleted")).toBeVisible();
    await expect(page.getByRole("link", { name: /Writes batch/ })).toHaveCount(0);
  });

  for (const [kind, name, title] of [
    ["keystore", "tls-server-keystore-default", "Default TLS server keystore"],
    ["truststore", "analytics-ingestion-truststore-default", "Analytics ingestion truststore"],
  ] as const) {
    test(`a default ${kind} is duplicated to customize, and the copy can be deleted`, async ({ page }) => {
      await page.goto(`${ADMIN_TLS}/${kind}s/${name}`);
      await page.getByRole("button", { name: "Duplicate to customize" }).click();
      await expect(page.getByText("Duplicated", { exact: true })).toBeVisible();
      await expect(page.getByRole("heading", { name: `${title} (copy)`, level: 1 })).toBeVisible();
      await expect(page).not.toHaveURL(new RegExp(`/${name}$`));
      await page.getByRole("button", { name: "Delete" }).click();
      await page
        .getByRole("dialog", { name: `Delete ${title} (copy)?` })
        .getByRole("button", { name: "Delete" })
        .click();
      await expect(page.getByText(`${kind[0].toUpperCase()}${kind.slice(1)} deleted`)).toBeVisible();
    });
  }
});
