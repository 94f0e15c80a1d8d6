import { E2E_ADMIN, expect, expectNoSeriousA11yViolations, signIn, test } from "./fixtures";

const TLS = "/orgs/sample-org/resources/tls";
const TITLE = "Preset Walkthrough Client";
const NAME = "preset-walkthrough-client";

test.describe.serial("TLS presets and lint findings", () => {
  test("apply a preset in the client profile form: lists filled, matches line, live findings", async ({ page }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto(`${TLS}/client-profiles/new`);
    await page.getByLabel("Title").fill(TITLE);
    const match = page.getByTestId("preset-match");
    await test.step("a preset fills protocols and ciphers, and the form says it matches", async () => {
      await page.getByLabel("Preset").selectOption({ label: "Mozilla intermediate 6.0" });
      await page.getByRole("button", { name: "Apply preset" }).click();
      await expect(match).toHaveText("Matches Mozilla intermediate 6.0");
      await expect(page.getByRole("checkbox", { name: "TLS 1.2" })).toBeChecked();
      await expect(page.getByRole("checkbox", { name: "TLS 1.0 (deprecated)" })).not.toBeChecked();
      await expect(page.getByRole("checkbox", { name: "ECDHE_RSA_WITH_AES_256_GCM_SHA384" })).toBeChecked();
      await expect(page.getByRole("checkbox", { name: "ECDHE_RSA_WITH_AES_256_CBC_SHA384" })).not.toBeChecked();
    });
    await test.step("an edit makes it differ, in words", async () => {
      await page.locator('label[for="cipher-ECDHE_RSA_WITH_AES_256_GCM_SHA384"]').click();
      await expect(match).toHaveText(
        "Differs from Mozilla intermediate 6.0: removes ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      );
      await page.locator('label[for="cipher-ECDHE_RSA_WITH_AES_256_GCM_SHA384"]').click();
      await expect(match).toHaveText("Matches Mozilla intermediate 6.0");
    });
    await test.step("the legacy preset is flagged, and lint lists its findings live", async () => {
      await page.getByLabel("Preset").selectOption({ label: "Legacy compatibility (legacy)" });
      await page.getByRole("button", { name: "Apply preset" }).click();
      await expect(match).toContainText("Matches Legacy compatibility");
      await expect(match).toContainText("Legacy: weak by design");
      const live = page.getByRole("region", { name: "Findings for these settings" });
      await expect(live).toContainText("2 findings");
      await expect(live).toContainText("TLS 1.0 and TLS 1.1 are enabled");
    });
    await test.step("back to Mozilla, with insecure server connections on: one critical finding", async () => {
      await page.getByLabel("Preset").selectOption({ label: "Mozilla intermediate 6.0" });
      await page.getByRole("button", { name: "Apply preset" }).click();
      await page.locator('label[for="insecure_server_connections"]').click();
      const live = page.getByRole("region", { name: "Findings for these settings" });
      await expect(live).toContainText("1 finding");
      await expect(live).toContainText("Insecure server connections are allowed");
    });
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await expect(page.getByText("Profile created")).toBeVisible();
  });

  test("the table shows a lint badge; the details page lists findings and DataPower names", async ({ page }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto(TLS);
    const row = page.getByRole("row").filter({ hasText: TITLE });
    await expect(row.getByText("1 critical")).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await row.getByRole("link", { name: TITLE }).click();
    const findings = page.getByRole("region", { name: "Findings", exact: true });
    await expect(findings).toContainText("Insecure server connections are allowed");
    await expect(findings).toContainText("Fix: Turn off");
    await expect(findings.locator("li", { hasText: "Insecure server" }).locator("code")).toHaveText(
      "client.insecure_server_connections",
    );
    const names = page.getByRole("region", { name: "DataPower object names" });
    await expect(names).toContainText(`sample-org_{catalog}_tlsp-${NAME}V1.0.0`);
    await expect(names).toContainText(`sample-org-${NAME}V1.0.0`);
    await expect(page.getByTestId("preset-match")).toHaveText("Matches Mozilla intermediate 6.0");
    // The picker opens on that preset, not on the first of the list.
    await expect(page.getByLabel("Preset")).toHaveValue("mozilla-intermediate-6.0");
    await expectNoSeriousA11yViolations(page);
  });

  test("clean up: the profile is deleted", async ({ page }) => {
    // Other specs expect sample-org to hold no client profiles of theirs: leave none of ours.
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto(TLS);
    await page.getByRole("button", { name: `Actions for ${TITLE} 1.0.0` }).click();
    await page.getByRole("menuitem", { name: "Delete" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await expect(page.getByText("TLS client profile deleted")).toBeVisible();
    await expect(page.getByRole("link", { name: TITLE })).toHaveCount(0);
  });

  test("keystore and truststore tables carry badges too (the installation defaults)", async ({ page }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto("/orgs/admin/resources/tls/keystores");
    // Signing keys are RSA 2048: sound, below the 3072 bits recommended beyond 2030.
    await expect(
      page.getByRole("row").filter({ hasText: "id_token signing keystore" }).getByText("1 info"),
    ).toBeVisible();
    await page.getByRole("link", { name: "id_token signing keystore" }).click();
    await expect(page.getByRole("region", { name: "Findings", exact: true })).toContainText("is RSA 2048");
    await expectNoSeriousA11yViolations(page);
    await page.goto("/orgs/admin/resources/tls/truststores");
    await expect(
      page.getByRole("row").filter({ hasText: "Portal director truststore" }).getByText("No findings"),
    ).toBeVisible();
  });
});
