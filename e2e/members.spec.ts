import type { Page } from "@playwright/test";
import {
  acceptAsNewAccount,
  E2E_ADMIN,
  expect,
  expectNoSeriousA11yViolations,
  inviteFromMembersPage,
  signIn,
  test,
} from "./fixtures";

const MEMBERS = "/orgs/sample-org/members";
const PASSWORD = "an-e2e-invitee-password";
const unique = (what: string) => `${what}-${Date.now().toString(36)}@e2e.test`;

async function asOwnerOnMembers(page: Page) {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(MEMBERS);
}

test.describe.serial("Members: invitations and the role hierarchy", () => {
  test("an invited person sets their own password on the link's page and lands in the organization", async ({
    page,
    browser,
  }) => {
    await asOwnerOnMembers(page);
    await expect(page.getByLabel(/password/i)).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
    const email = unique("invitee");
    const link = await test.step("invite: the link is shown once, with a copy control", async () => {
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Role", { exact: true }).selectOption("administrator");
      await page.getByRole("button", { name: "Invite", exact: true }).click();
      const region = page.getByRole("region", { name: `Invitation link for ${email}` });
      await expect(region.getByRole("button", { name: /copy/i })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      const shown = (await region.locator("code").innerText()).trim();
      expect(shown).toMatch(/\/invite\/[A-Za-z0-9_-]{40,}$/);
      await region.getByRole("button", { name: "Done, invite someone else" }).click();
      await expect(page.getByRole("table", { name: "Pending invitations" })).toContainText(email);
      return shown;
    });

    const context = await browser.newContext();
    const invitee = await context.newPage();
    const errors: string[] = [];
    invitee.on("pageerror", (e) => errors.push(e.message));
    invitee.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await invitee.goto(link);
    await expect(invitee.getByRole("heading", { name: /^Join Sample/ })).toBeVisible();
    await expectNoSeriousA11yViolations(invitee);
    await test.step("a short password is refused at its field", async () => {
      await invitee.getByLabel("Your name").fill("Invited Person");
      await invitee.getByLabel("Choose a password").fill("short");
      await invitee.getByLabel("Repeat the password").fill("short");
      await invitee.getByRole("button", { name: "Create account and join" }).click();
      await expect(invitee.getByText("At least 12 characters", { exact: true })).toBeVisible();
    });
    await invitee.getByLabel("Choose a password").fill(PASSWORD);
    await invitee.getByLabel("Repeat the password").fill(PASSWORD);
    await invitee.getByRole("button", { name: "Create account and join" }).click();
    await invitee.waitForURL(/\/orgs\/sample-org\//);
    await expect(invitee.getByRole("button", { name: "User menu: Invited Person" })).toBeVisible();
    await test.step("the link works once", async () => {
      const again = await context.browser()!.newContext();
      const second = await again.newPage();
      await second.goto(link);
      await expect(second.getByRole("heading", { name: "Invitation not valid" })).toBeVisible();
      await again.close();
    });
    await context.close();
    expect(errors).toEqual([]);

    await page.reload();
    await expect(page.getByRole("table", { name: "Pending invitations" })).not.toContainText(email);
    await expect(page.getByRole("table", { name: "Members", exact: true })).toContainText(email);
  });

  test("a pending invitation is revoked after confirmation and its link stops working", async ({ page, browser }) => {
    await asOwnerOnMembers(page);
    const email = unique("revoked");
    const link = await inviteFromMembersPage(page, email, "member");
    const table = page.getByRole("table", { name: "Pending invitations" });
    await table.getByRole("button", { name: `Revoke invitation for ${email}` }).click();
    const dialog = page.getByRole("dialog", { name: `Revoke the invitation for ${email}?` });
    await expect(dialog).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await dialog.getByRole("button", { name: "Revoke" }).click();
    await expect(page.getByText(`Invitation for ${email} revoked`)).toBeVisible();
    await expect(table).not.toContainText(email);

    const context = await browser.newContext();
    const visitor = await context.newPage();
    await visitor.goto(link);
    await expect(visitor.getByRole("heading", { name: "Invitation not valid" })).toBeVisible();
    await context.close();
  });

  test("a role change is confirmed first, naming what is gained; cancelling leaves the role as it was", async ({
    page,
  }) => {
    await asOwnerOnMembers(page);
    const email = unique("promoted");
    const link = await inviteFromMembersPage(page, email, "member");
    await acceptAsNewAccount(page, link, "Promoted Person", PASSWORD);
    await page.reload();
    const select = page.getByLabel(`Role of ${email}`);
    await expect(select).toHaveValue("member");

    await select.selectOption("administrator");
    const dialog = page.getByRole("dialog", { name: `Change the role of ${email} to Administrator?` });
    await expect(dialog.getByRole("list", { name: "Permissions gained" })).toContainText("Members: Manage");
    await expectNoSeriousA11yViolations(page);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    await expect(select).toHaveValue("member");
    await expect(select).toBeFocused();

    await select.selectOption("administrator");
    await dialog.getByRole("button", { name: "Change role" }).click();
    await expect(page.getByText(`${email} is now Administrator`)).toBeVisible();
    await expect(select).toBeFocused();
    await page.reload();
    await expect(page.getByLabel(`Role of ${email}`)).toHaveValue("administrator");
  });

  test("a refused custom role keeps what was typed and says why at the name", async ({ page }) => {
    await asOwnerOnMembers(page);
    await page.getByLabel("Role title").fill("Auditors");
    await page.getByLabel("Role name").fill("member");
    await page.getByRole("button", { name: "Create role" }).click();
    await expect(page.getByText("This name is taken.")).toBeVisible();
    await expect(page.getByLabel("Role title")).toHaveValue("Auditors");
    await expect(page.getByLabel("Role name")).toHaveValue("member");

    const name = `auditors-${Date.now().toString(36)}`;
    await page.getByLabel("Role name").fill(name);
    await page.getByRole("button", { name: "Create role" }).click();
    await expect(page.getByText("Role Auditors created")).toBeVisible();
    await expect(page.locator(`#m-role option[value="${name}"]`)).toHaveCount(1);
    await expect(page.getByLabel("Role title")).toHaveValue("");
  });

  test("an administrator is offered neither Owner nor Administrator, and cannot change an owner", async ({ page }) => {
    await asOwnerOnMembers(page);
    const admin = unique("admin");
    const link = await inviteFromMembersPage(page, admin, "administrator");
    await acceptAsNewAccount(page, link, "Second Admin", PASSWORD);

    await page.context().clearCookies();
    await signIn(page, admin, PASSWORD);
    await page.goto(MEMBERS);
    const offered = await page
      .locator("#m-role option")
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(offered).toContain("member");
    expect(offered).not.toContain("owner");
    expect(offered).not.toContain("administrator");
    await expect(page.getByLabel(`Role of ${E2E_ADMIN.email}`)).toHaveCount(0);
    await expect(page.getByLabel(`Role of ${admin}`)).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
  });
});
