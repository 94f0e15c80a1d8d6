import {
  E2E_ADMIN,
  acceptAsNewAccount,
  expect,
  expectNoSeriousA11yViolations,
  inviteFromMembersPage,
  signIn,
  test,
} from "./fixtures";

const FIRST = "first-account-password";
const SECOND = "second-account-password";

test.describe.serial("Account: own password and sessions", () => {
  const email = `account-${Date.now().toString(36)}@e2e.test`;

  test.beforeAll(async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto("/orgs/sample-org/members");
    const link = await inviteFromMembersPage(page, email, "administrator");
    await acceptAsNewAccount(page, link, "Account Holder", FIRST);
    await context.close();
  });

  test("changes the own password (current one required), ends the other session, signs in with the new one", async ({
    page,
    browser,
  }) => {
    const elsewhere = await browser.newContext();
    const other = await elsewhere.newPage();
    await signIn(other, email, FIRST);

    await signIn(page, email, FIRST);
    await page.getByRole("button", { name: "User menu: Account Holder" }).click();
    await page.getByRole("link", { name: "Password and sessions" }).click();
    await expect(page.getByRole("heading", { name: "Password and sessions", level: 1 })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await test.step("a wrong current password is refused at its field", async () => {
      await page.getByLabel("Current password").fill("not my password");
      await page.getByLabel("New password", { exact: true }).fill(SECOND);
      await page.getByLabel("Repeat the new password").fill(SECOND);
      await page.getByRole("button", { name: "Change password" }).click();
      await expect(page.getByText("Not your current password")).toBeVisible();
    });
    await test.step("a repeat that differs is refused at the repeat, before anything is sent", async () => {
      await page.getByLabel("Repeat the new password").fill(`${SECOND}-typo`);
      await page.getByRole("button", { name: "Change password" }).click();
      await expect(page.getByText("The two passwords differ")).toBeVisible();
    });
    await page.getByLabel("Current password").fill(FIRST);
    await page.getByLabel("New password", { exact: true }).fill(SECOND);
    await page.getByLabel("Repeat the new password").fill(SECOND);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("Password changed")).toBeVisible();

    await test.step("this session stays; the other one ended", async () => {
      await page.reload();
      await expect(page.getByRole("heading", { name: "Password and sessions", level: 1 })).toBeVisible();
      await other.goto("/account/password");
      await expect(other).toHaveURL(/\/login/);
      await elsewhere.close();
    });

    await page.getByRole("button", { name: "User menu: Account Holder" }).click();
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await page.waitForURL(/\/login/);
    await signIn(page, email, SECOND);
    await expect(page).not.toHaveURL(/\/login/);
  });

  test("signs out everywhere after confirmation", async ({ page, browser }) => {
    const elsewhere = await browser.newContext();
    const other = await elsewhere.newPage();
    await signIn(other, email, SECOND);

    await signIn(page, email, SECOND);
    await page.goto("/account/password");
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    const dialog = page.getByRole("dialog", { name: "Sign out everywhere?" });
    await expect(dialog).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await dialog.getByRole("button", { name: "Sign out everywhere" }).click();
    await page.waitForURL(/\/login/);

    await other.goto("/account/password");
    await expect(other).toHaveURL(/\/login/);
    await elsewhere.close();
  });
});
