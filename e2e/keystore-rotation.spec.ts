import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { issue } from "../lib/crypto/pki";
import { E2E_ADMIN, expect, expectNoSeriousA11yViolations, signIn, test } from "./fixtures";

/**
 * Issue 10, staged rotation (ADR 026): prepare the next material beside the one in use, read the diff's warning,
 * confirm it, activate; then roll back to the kept version. Everything it creates in sample-org is deleted after.
 */
const TLS = "/orgs/sample-org/resources/tls";
const API = "/api/orgs/sample-org";
const KEYSTORE = "e2e-rotating";
const PROFILE = "e2e-rotation-mtls";
const now = new Date();
const ca = issue(now, { commonName: "E2E Rotation CA", usage: "ca" });
const first = issue(
  now,
  { commonName: "rot.e2e.test", usage: "server+client", dnsNames: ["rot.e2e.test", "old.e2e.test"], toDays: 200 },
  ca,
);
const next = issue(now, { commonName: "rot.e2e.test", usage: "server", dnsNames: ["rot.e2e.test"], toDays: 400 }, ca);
const dir = mkdtempSync(path.join(tmpdir(), "rotation-e2e-"));
const nextFile = path.join(dir, "next.pem");
writeFileSync(nextFile, next.keyPem + next.certPem + ca.certPem);

test.describe.serial("Staged keystore rotation", () => {
  test.afterAll(async ({ browser }) => {
    const page = await browser.newPage();
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    const origin = { headers: { origin: new URL(page.url()).origin } };
    await page.request.delete(`${API}/tls-client-profiles/${PROFILE}/1.0.0`, origin);
    await page.request.delete(`${API}/keystores/${KEYSTORE}`, origin);
    await page.close();
  });

  test("prepare a rotation, read the diff's warning, confirm, activate, then roll back", async ({ page }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    const origin = { origin: new URL(page.url()).origin };
    // A keystore a client profile uses for mutual TLS, made through the REST API.
    const created = await page.request.post(`${API}/keystores`, {
      headers: origin,
      data: { title: "E2E rotating", name: KEYSTORE, keystore: first.keyPem + first.certPem + ca.certPem },
    });
    expect(created.status(), await created.text()).toBe(201);
    const profile = await page.request.post(`${API}/tls-client-profiles`, {
      headers: origin,
      data: {
        title: "E2E rotation mtls",
        name: PROFILE,
        version: "1.0.0",
        protocols: ["tls_v1.2", "tls_v1.3"],
        ciphers: ["TLS_AES_256_GCM_SHA384", "ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"],
        keystore_url: KEYSTORE,
      },
    });
    expect(profile.status(), await profile.text()).toBe(201);
    const firstFingerprint = ((await created.json()) as { sha256_fingerprint: string }).sha256_fingerprint;

    await test.step("prepare the next material by upload", async () => {
      await page.goto(`${TLS}/keystores/${KEYSTORE}`);
      await expect(page.getByRole("heading", { name: "Rotation", exact: true })).toBeVisible();
      await expect(page.getByText("No earlier versions yet")).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      await page.getByRole("link", { name: "Upload the next material" }).click();
      await expect(page.getByRole("heading", { name: "Prepare rotation" })).toBeVisible();
      await page.locator('input[type="file"]').setInputFiles(nextFile);
      await page.getByRole("button", { name: "Check files" }).click();
      await expect(page.getByRole("heading", { name: "Review before preparing" })).toBeFocused();
      await expectNoSeriousA11yViolations(page);
      await page.getByRole("button", { name: "Prepare rotation" }).click();
      await expect(page).toHaveURL(new RegExp(`${TLS}/keystores/${KEYSTORE}$`));
    });

    await test.step("read the diff: clientAuth gone for the mutual-TLS profile, a name removed", async () => {
      await expect(page.getByRole("heading", { name: "What changes" })).toBeVisible();
      await expect(
        page.getByText(`clientAuth is gone; client profile ${PROFILE} uses this keystore for mutual TLS`),
      ).toBeVisible();
      await expect(page.getByText("DNS:old.e2e.test is no longer in the certificate")).toBeVisible();
      await expect(page.getByRole("cell", { name: "DNS:rot.e2e.test, DNS:old.e2e.test (removed)" })).toBeVisible();
      // Nothing in use changed yet: the chain still starts with the first certificate.
      const current = await page.request.get(`${API}/keystores/${KEYSTORE}`);
      expect(((await current.json()) as { sha256_fingerprint: string }).sha256_fingerprint).toBe(firstFingerprint);
      await expectNoSeriousA11yViolations(page);
    });

    await test.step("confirm the warnings and activate now", async () => {
      const activate = page.getByRole("button", { name: "Activate now" });
      await expect(activate).toBeDisabled();
      await page.getByText("I understand: client_auth_removed, san_removed").click();
      await activate.click();
      await expect(page.getByText("Activated: profiles now use the new material")).toBeVisible();
      await expect(page.getByRole("link", { name: "Upload the next material" })).toBeVisible();
      await expect(page.getByRole("cell", { name: /^1$/ })).toBeVisible();
      const after = (await (await page.request.get(`${API}/keystores/${KEYSTORE}`)).json()) as {
        sha256_fingerprint: string;
      };
      expect(after.sha256_fingerprint).not.toBe(firstFingerprint);
      await expectNoSeriousA11yViolations(page);
    });

    await test.step("roll back to version 1, after its diff and confirmation", async () => {
      await page.getByRole("button", { name: "Roll back to version 1" }).click();
      const modal = page.getByRole("dialog", { name: "Roll back to version 1?" });
      await expect(modal).toBeVisible();
      await expect(modal.getByText("expires_sooner", { exact: true })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      await expect(modal.getByRole("button", { name: "Roll back" })).toBeDisabled();
      await modal.getByText("I understand: expires_sooner").click();
      await modal.getByRole("button", { name: "Roll back" }).click();
      await expect(page.getByText("Rolled back to version 1")).toBeVisible();
      const restored = (await (await page.request.get(`${API}/keystores/${KEYSTORE}`)).json()) as {
        sha256_fingerprint: string;
      };
      expect(restored.sha256_fingerprint).toBe(firstFingerprint);
      // The replaced material is kept too; version 1 is the one in use again.
      await expect(page.getByRole("button", { name: "Roll back to version 2" })).toBeVisible();
      await expect(page.getByText("In use")).toBeVisible();
      const html = await (await page.request.get(`${TLS}/keystores/${KEYSTORE}`)).text();
      expect(html).not.toContain("PRIVATE KEY");
      await expectNoSeriousA11yViolations(page);
    });
  });
});
