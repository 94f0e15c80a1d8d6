import type { Page } from "@playwright/test";
import {
  E2E_ADMIN,
  ensureViewerAndMember,
  expect,
  expectNoSeriousA11yViolations,
  MEMBER,
  signIn,
  test,
  VIEWER,
} from "./fixtures";

const TLS = "/orgs/sample-org/resources/tls";

/** Carbon hides the native checkbox; people click its label, so the test does too. */
const clickLabel = (page: Page, id: string) => page.locator(`label[for="${id}"]`).click();

test.describe.serial("TLS client profiles", () => {
  test("sign in lands on the TLS page; the empty state offers Create", async ({ page }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto(TLS);
    await expect(page.getByRole("heading", { name: "TLS client profiles", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "No TLS client profiles yet" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("create: name follows the title, TLS 1.3 rule shown live, saved and listed", async ({ page }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto(`${TLS}/client-profiles/new`);
    await test.step("name is filled from the title", async () => {
      await page.getByLabel("Title").fill("Acme TLS Client Profile");
      await expect(page.getByLabel("Name", { exact: true })).toHaveValue("acme-tls-client-profile");
    });
    await test.step("TLS 1.3 selected with no TLS 1.3 cipher: all are added", async () => {
      await page.getByRole("group", { name: "TLS 1.3 ciphers" }).getByRole("button", { name: "Clear" }).click();
      await expect(page.getByTestId("tls13-added")).toContainText("all 5 TLS 1.3 ciphers will be added");
      await expect(page.getByTestId("effective-ciphers")).toContainText("TLS_AES_256_GCM_SHA384");
    });
    await test.step("without TLS 1.3, chosen TLS 1.3 ciphers are dropped", async () => {
      await clickLabel(page, "cipher-TLS_CHACHA20_POLY1305_SHA256");
      await clickLabel(page, "protocol-tls_v1.3");
      await expect(page.getByTestId("tls13-dropped")).toBeVisible();
      await expect(page.getByTestId("effective-ciphers")).not.toContainText("TLS_CHACHA20_POLY1305_SHA256");
      await clickLabel(page, "protocol-tls_v1.3");
      await expect(page.getByRole("checkbox", { name: "TLS 1.3" })).toBeChecked();
    });
    await test.step("deprecated protocols warn", async () => {
      await clickLabel(page, "protocol-tls_v1.0");
      await expect(page.getByText("Deprecated protocol selected")).toBeVisible();
      await clickLabel(page, "protocol-tls_v1.0");
    });
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await expect(page.getByText("Profile created")).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`${TLS}$`));
    await expect(page.getByRole("link", { name: "Acme TLS Client Profile" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("a clash found by the server is shown at the version field", async ({ page }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto(`${TLS}/client-profiles/new`);
    await page.getByLabel("Title").fill("Acme TLS Client Profile");
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await expect(page.getByText('Version 1.0.0 of "acme-tls-client-profile" already exists')).toBeVisible();
    await expect(page.getByLabel("Version")).toHaveAttribute("aria-invalid", "true");
  });

  test("edit, new version, then delete with confirmation", async ({ page }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto(TLS);
    await test.step("edit", async () => {
      await page.getByRole("link", { name: "Acme TLS Client Profile" }).click();
      await page.getByLabel("Summary (optional)").fill("Calls the partner API");
      await page.getByRole("button", { name: "Save" }).click();
      await expect(page.getByText("Profile saved")).toBeVisible();
    });
    await test.step("new version keeps the name", async () => {
      await page.getByRole("button", { name: "Actions for Acme TLS Client Profile 1.0.0" }).click();
      await page.getByRole("menuitem", { name: "New version" }).click();
      await expect(page.getByLabel("Name", { exact: true })).toHaveValue("acme-tls-client-profile");
      await expect(page.getByLabel("Summary (optional)")).toHaveValue("Calls the partner API");
      await page.getByLabel("Version").fill("1.1.0");
      await page.getByRole("button", { name: "Create", exact: true }).click();
      await expect(page.getByRole("cell", { name: "1.1.0", exact: true })).toBeVisible();
    });
    await test.step("delete asks first", async () => {
      await page.getByRole("button", { name: "Actions for Acme TLS Client Profile 1.1.0" }).click();
      await page.getByRole("menuitem", { name: "Delete" }).click();
      const dialog = page.getByRole("dialog");
      await expect(dialog).toContainText("acme-tls-client-profile:1.1.0");
      await dialog.getByRole("button", { name: "Delete" }).click();
      await expect(page.getByText("TLS client profile deleted")).toBeVisible();
      await expect(page.getByRole("cell", { name: "1.1.0", exact: true })).toHaveCount(0);
      await expect(page.getByRole("cell", { name: "1.0.0", exact: true })).toBeVisible();
    });
  });

  test("a second editor's save is refused with who changed it, and nothing is lost", async ({ page, browser }) => {
    const url = `${TLS}/client-profiles/acme-tls-client-profile/1.0.0`;
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto(url, { waitUntil: "networkidle" });
    const other = await browser.newPage();
    await signIn(other, E2E_ADMIN.email, E2E_ADMIN.password);
    await other.goto(url, { waitUntil: "networkidle" });

    await other.getByLabel("Summary (optional)").fill("Saved first");
    await other.getByRole("button", { name: "Save" }).click();
    await expect(other.getByText("Profile saved")).toBeVisible();
    await other.close();

    await page.getByLabel("Summary (optional)").fill("Saved second");
    await page.getByRole("button", { name: "Save" }).click();
    const banner = page.getByRole("alert").filter({ hasText: "Someone else saved this profile" });
    await expect(banner).toContainText(`changed by ${E2E_ADMIN.email}`);
    await expect(page.getByLabel("Summary (optional)")).toHaveValue("Saved second");
    await page.reload();
    await expect(page.getByLabel("Summary (optional)")).toHaveValue("Saved first");
  });

  test("owner sets up a view-only role and a plain member", async ({ page }) => {
    await ensureViewerAndMember(page);
    await expect(page.getByText(VIEWER.email, { exact: true })).toBeVisible();
    await expect(page.getByText(MEMBER.email, { exact: true })).toBeVisible();
  });

  test("a Settings: View user sees the table and details without write controls", async ({ page }) => {
    await signIn(page, VIEWER.email, VIEWER.password);
    await page.goto(TLS);
    await expect(page.getByRole("link", { name: "Acme TLS Client Profile" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Create" })).toHaveCount(0);
    await expect(page.getByRole("checkbox")).toHaveCount(0);
    await page.getByRole("link", { name: "Acme TLS Client Profile" }).click();
    await expect(page.getByLabel("Title")).toBeDisabled();
    await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
  });

  test("a member without Settings permissions has no TLS entry and gets 403", async ({ page, consoleErrors }) => {
    await signIn(page, MEMBER.email, MEMBER.password);
    // The landing page stays inside the console and says why there is nothing to open.
    await expect(page.getByRole("heading", { name: "Nothing to open here yet" })).toBeVisible();
    await expect(page.getByRole("link", { name: "password and sessions", exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await expect(page.getByRole("button", { name: "Resources: TLS" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "TLS client profiles", exact: true })).toHaveCount(0);
    const res = await page.goto(TLS);
    expect(res?.status()).toBe(403);
    // The browser reports the refused document load; that one error is the point of this test.
    expect(consoleErrors).toEqual([expect.stringContaining("403")]);
    consoleErrors.length = 0;
    await expect(page.getByRole("heading", { name: "403 — not allowed" })).toBeVisible();
    const api = await page.request.get(`/api/orgs/sample-org/tls-client-profiles`);
    expect(api.status()).toBe(403);
  });

  test("a wrong password gets one generic message, and sign-out ends the session", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(E2E_ADMIN.email);
    await page.getByLabel("Password", { exact: true }).fill("wrong");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Sign-in failed" })).toContainText(
      "Incorrect email or password.",
    );
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.getByRole("button", { name: /User menu/ }).click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/login$/);
    expect((await page.request.get(`/api/orgs/sample-org/tls-client-profiles`)).status()).toBe(401);
  });
});
