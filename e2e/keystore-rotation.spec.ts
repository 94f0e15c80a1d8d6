import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { issue } from "../lib/crypto/pki";
import { opensslCa, signCsr } from "../tests/helpers/openssl";
import { E2E_ADMIN, expect, expectNoSeriousA11yViolations, signIn, test } from "./fixtures";

/**
 * Issue 10, staged rotation (ADR 026): prepare the next material beside the one in use, read the diff's warning,
 * confirm it, activate; then roll back to the kept version. Everything it creates in sample-org is deleted after.
 */
const TLS = "/orgs/sample-org/resources/tls";
const API = "/api/orgs/sample-org";
const KEYSTORE = "e2e-rotating";
const GENERATED = "e2e-rotating-generated";
const TRUSTSTORE = "e2e-rotation-history";
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
    for (const name of [KEYSTORE, GENERATED]) await page.request.delete(`${API}/keystores/${name}`, origin);
    await page.request.delete(`${API}/truststores/${TRUSTSTORE}`, origin);
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
      // Current and next side by side still fit a 1024 px window: long serials and fingerprints wrap.
      await page.setViewportSize({ width: 1024, height: 768 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.getByRole("button", { name: "Prepare rotation" }).click();
      await expect(page).toHaveURL(new RegExp(`${TLS}/keystores/${KEYSTORE}$`));
    });

    await test.step("read the diff: clientAuth gone for the mutual-TLS profile, a name removed", async () => {
      await expect(page.getByRole("heading", { name: "What changes" })).toBeVisible();
      await expect(
        page.getByText(`clientAuth is gone; client profile ${PROFILE} uses this keystore for mutual TLS`),
      ).toBeVisible();
      await expect(page.getByText("DNS:old.e2e.test is no longer in the certificate")).toBeVisible();
      await expect(page.getByText("Client authentication is gone (client_auth_removed)")).toBeVisible();
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
      // The pressed button is gone: focus goes to the rotation area, not the page's start.
      await expect(page.getByRole("heading", { name: "Rotation", exact: true })).toBeFocused();
      await expect(page.getByText("the profile using this keystore keeps the current material")).toBeVisible();
      await expect(page.getByRole("cell", { name: /^1$/ })).toBeVisible();
      const after = (await (await page.request.get(`${API}/keystores/${KEYSTORE}`)).json()) as {
        sha256_fingerprint: string;
      };
      expect(after.sha256_fingerprint).not.toBe(firstFingerprint);
      await expectNoSeriousA11yViolations(page);
    });

    await test.step("roll back to version 1, after its diff and confirmation", async () => {
      const rollBack = page.getByRole("button", { name: "Roll back to version 1" });
      const modal = page.getByRole("dialog", { name: "Roll back to version 1?" });
      // Escape closes it with focus back on the row's button.
      await rollBack.click();
      await expect(modal.getByRole("checkbox", { name: /^I understand: / })).toBeFocused();
      await page.keyboard.press("Escape");
      await expect(modal).toBeHidden();
      await expect(rollBack).toBeFocused();
      await rollBack.click();
      await expect(modal).toBeVisible();
      await expect(
        modal.getByText("The new certificate expires sooner (expires_sooner)", { exact: true }),
      ).toBeVisible();
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
      await expect(page.getByRole("region", { name: "Versions" })).toBeFocused();
      const html = await (await page.request.get(`${TLS}/keystores/${KEYSTORE}`)).text();
      expect(html).not.toContain("PRIVATE KEY");
      await expectNoSeriousA11yViolations(page);
    });
  });

  test("generate the next key, complete it with the signed certificate, schedule, cancel, discard", async ({
    page,
  }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    const origin = { origin: new URL(page.url()).origin };
    const created = await page.request.post(`${API}/keystores`, {
      headers: origin,
      data: { title: "E2E rotating generated", name: GENERATED, keystore: first.keyPem + first.certPem + ca.certPem },
    });
    expect(created.status(), await created.text()).toBe(201);
    const signing = opensslCa("E2E Rotation Signing CA");

    await test.step("generate a key and CSR for the next rotation", async () => {
      await page.goto(`${TLS}/keystores/${GENERATED}`);
      await page.getByRole("link", { name: "Generate a new key and CSR" }).click();
      await expect(page.getByRole("heading", { name: "Prepare rotation" })).toBeVisible();
      await expect(page.getByLabel("Title")).toHaveCount(0);
      // The next key is asked for like the current certificate: nothing is dropped by accident.
      await expect(page.getByLabel("Common name (CN)")).toHaveValue("rot.e2e.test");
      await expect(page.getByLabel("Name 2", { exact: true })).toHaveValue("old.e2e.test");
      await expect(page.getByRole("radio", { name: "Both" })).toBeChecked();
      await expectNoSeriousA11yViolations(page);
      await page.getByRole("button", { name: "Generate key and CSR" }).click();
      await expect(page).toHaveURL(new RegExp(`${TLS}/keystores/${GENERATED}$`));
      await expect(page.getByRole("heading", { name: "Certificate signing request" })).toBeVisible();
    });

    await test.step("download the CSR, upload the CA-signed certificate", async () => {
      const download = page.waitForEvent("download");
      await page.getByRole("link", { name: "Download CSR (PEM)" }).click();
      const csrPem = readFileSync(await (await download).path(), "utf8");
      expect(csrPem).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----/);
      await page
        .getByLabel("Or paste the certificate (PEM)")
        .fill(signCsr(csrPem, signing).toString("utf8") + signing.certPem);
      await page.getByRole("button", { name: "Upload certificate" }).click();
      await expect(page.getByText("Certificate uploaded: the pending material is ready")).toBeVisible();
      await expect(page.getByRole("heading", { name: "What changes" })).toBeFocused();
      await expect(page.getByText("A new root (new_root)", { exact: true })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    });

    await test.step("schedule the activation, see it listed, cancel it", async () => {
      await page.getByText("At a time").click();
      const tomorrow = new Date(Date.now() + 86_400_000);
      const pad = (n: number) => String(n).padStart(2, "0");
      const day = `${tomorrow.getFullYear()}-${pad(tomorrow.getMonth() + 1)}-${pad(tomorrow.getDate())}`;
      const dayInput = page.getByRole("textbox", { name: "Day" });
      await dayInput.fill(day);
      await dayInput.press("Enter");
      await page.getByLabel(/^Time \(24-hour/).fill("09:30");
      const schedule = page.getByRole("button", { name: "Schedule activation" });
      await expect(schedule).toBeDisabled();
      await page.getByText(/^I understand: /).click();
      await expectNoSeriousA11yViolations(page);
      await schedule.click();
      await expect(page.getByText("Activation scheduled").first()).toBeVisible();
      await expect(page.getByText(/The swap runs at .*, scheduled by owner@e2e\.test/)).toBeVisible();
      await expect(page.locator("#activation-scheduled")).toBeFocused();
      await page.goto(`${TLS}/expiry`);
      const scheduled = page.getByRole("table", { name: "Scheduled rotations" });
      await expect(scheduled.getByRole("cell", { name: "owner@e2e.test" })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      await scheduled.getByRole("link", { name: `E2E rotating generated (${GENERATED})` }).click();
      await page.getByRole("button", { name: "Cancel scheduled activation" }).click();
      await expect(page.getByText("Scheduled activation cancelled")).toBeVisible();
      await expect(page.getByRole("button", { name: "Activate now" })).toBeVisible();
      await expect(page.getByRole("checkbox", { name: /^I understand: / })).toBeFocused();
    });

    await test.step("discard the pending material after confirming", async () => {
      await page.getByRole("button", { name: "Discard pending material" }).click();
      const modal = page.getByRole("dialog", { name: "Discard the pending material?" });
      await expect(modal).toBeVisible();
      await modal.getByRole("button", { name: "Discard" }).click();
      await expect(page.getByText("Pending material discarded")).toBeVisible();
      await expect(page.getByRole("link", { name: "Generate a new key and CSR" })).toBeVisible();
      await expect(page.getByRole("heading", { name: "Rotation", exact: true })).toBeFocused();
      const still = (await (await page.request.get(`${API}/keystores/${GENERATED}`)).json()) as {
        sha256_fingerprint: string;
      };
      expect(still.sha256_fingerprint).toBe(
        ((await created.json()) as { sha256_fingerprint: string }).sha256_fingerprint,
      );
    });
  });

  test("a generated key still awaiting its certificate can be discarded, after a confirmation that can be declined", async ({
    page,
  }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto(`${TLS}/keystores/${GENERATED}`);
    await page.getByRole("link", { name: "Generate a new key and CSR" }).click();
    await page.getByLabel("Common name (CN)").fill("abandoned.e2e.test");
    await page.getByRole("button", { name: "Generate key and CSR" }).click();
    await expect(page.getByRole("heading", { name: "Certificate signing request" })).toBeVisible();

    await page.getByRole("button", { name: "Discard pending material" }).click();
    const modal = page.getByRole("dialog", { name: "Discard the pending material?" });
    await expect(modal.getByText(/The key generated for the next rotation \(CN=abandoned\.e2e\.test\)/)).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await modal.getByRole("button", { name: "Keep it" }).click();
    await expect(modal).toBeHidden();
    await expect(page.getByRole("button", { name: "Discard pending material" })).toBeFocused();
    await expect(page.getByRole("heading", { name: "Certificate signing request" })).toBeVisible();

    await page.getByRole("button", { name: "Discard pending material" }).click();
    await modal.getByRole("button", { name: "Discard" }).click();
    await expect(page.getByText("Pending material discarded")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Certificate signing request" })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Rotation", exact: true })).toBeFocused();
    expect((await page.request.get(`${API}/keystores/${GENERATED}/pending`)).status()).toBe(404);
  });

  test("truststore: adding a certificate keeps a version; roll back restores the set", async ({ page }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    const origin = { origin: new URL(page.url()).origin };
    const extra = issue(now, { commonName: "E2E Rotation Extra CA", usage: "ca" });
    expect(
      (
        await page.request.post(`${API}/truststores`, {
          headers: origin,
          data: { title: "E2E rotation history", name: TRUSTSTORE, truststore: ca.certPem },
        })
      ).status(),
    ).toBe(201);
    expect(
      (
        await page.request.post(`${API}/truststores/${TRUSTSTORE}/certificates`, {
          headers: origin,
          data: { truststore: extra.certPem },
        })
      ).status(),
    ).toBe(200);
    await page.goto(`${TLS}/truststores/${TRUSTSTORE}`);
    await expect(page.getByRole("heading", { name: "Certificate 2: CN=E2E Rotation Extra CA" })).toBeVisible();
    await page.getByRole("button", { name: "Roll back to version 1" }).click();
    const modal = page.getByRole("dialog", { name: "Roll back to version 1?" });
    await expect(modal.getByText("Goes: CN=E2E Rotation Extra CA")).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await modal.getByRole("button", { name: "Roll back" }).click();
    await expect(page.getByText("Rolled back to version 1")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Certificate 2: CN=E2E Rotation Extra CA" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Roll back to version 2" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Versions" })).toBeFocused();
    await expect(page.getByText("1 certificate:", { exact: false }).first()).toBeVisible();
  });
});
