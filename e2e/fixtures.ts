import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type Page } from "@playwright/test";
import { E2E_ADMIN } from "../playwright.config";

export { expect, E2E_ADMIN };

/** Every test fails on a console error: a broken page must not pass because the assertion looked elsewhere. */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      page.on("pageerror", (e) => errors.push(e.message));
      await page.addInitScript(reportNextErrorPage);
      await use(errors);
      // The observer's console message may still be in flight when a short test ends: look at the page once more.
      const shown = await page.evaluate(isNextErrorPage).catch(() => false);
      if (shown && !errors.some((e) => e.startsWith("Next.js error page shown")))
        errors.push("Next.js error page shown");
      expect(errors, "console errors").toEqual([]);
    },
    { auto: true },
  ],
});

/**
 * Next's own error page ("This page couldn’t load") replaces the document with `<html id="__next_error__">`; a
 * render that dies that way is not always logged, so the page reports it as a console error itself. The 403 and
 * 404 pages carry the same id, hence the check of the words.
 */
function isNextErrorPage() {
  return (
    document.documentElement?.id === "__next_error__" &&
    !!document.body?.textContent?.includes("This page couldn’t load")
  );
}

function reportNextErrorPage() {
  // Init scripts are serialised alone, so the check is repeated here rather than calling isNextErrorPage.
  let reported = false;
  new MutationObserver(() => {
    if (reported || document.documentElement?.id !== "__next_error__") return;
    if (!document.body?.textContent?.includes("This page couldn’t load")) return;
    reported = true;
    console.error(`Next.js error page shown: ${document.body.innerText}`);
  }).observe(document, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ["id"],
  });
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

export async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

export const VIEWER = { email: "viewer@e2e.test", password: "a-long-e2e-password" };
export const MEMBER = { email: "member@e2e.test", password: "a-long-e2e-password" };

/**
 * As the owner, makes sure sample-org has a view-only custom role with VIEWER in it and MEMBER as a plain
 * member. Idempotent, so every spec that needs them can call it and specs stay independent.
 */
export async function ensureViewerAndMember(page: Page) {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto("/orgs/sample-org/members");
  if ((await page.locator('#m-role option[value="tls-viewer"]').count()) === 0) {
    await page.getByLabel("Role title").fill("TLS viewer");
    await page.getByLabel("Role name").fill("tls-viewer");
    await page.getByRole("button", { name: "Create role" }).click();
    await expect(page.getByText("Role TLS viewer created")).toBeVisible();
  }
  for (const [who, role] of [
    [VIEWER, "tls-viewer"],
    [MEMBER, "member"],
  ] as const) {
    if (await page.getByText(who.email, { exact: true }).count()) continue;
    const link = await inviteFromMembersPage(page, who.email, role);
    await acceptAsNewAccount(page, link, who.email.split("@")[0]!, who.password);
  }
  await page.reload();
}

/** On the members page: invites an email and returns the one-time link the page shows. */
export async function inviteFromMembersPage(page: Page, email: string, role: string): Promise<string> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  const region = page.getByRole("region", { name: `Invitation link for ${email}` });
  await expect(region).toBeVisible();
  const link = (await region.locator("code").innerText()).trim();
  await region.getByRole("button", { name: "Done, invite someone else" }).click();
  return link;
}

/** Opens an invitation link in a fresh, signed-out browser context and creates the account. */
export async function acceptAsNewAccount(page: Page, link: string, name: string, password: string) {
  const context = await page.context().browser()!.newContext();
  try {
    const invitee = await context.newPage();
    await invitee.goto(link);
    await invitee.getByLabel("Your name").fill(name);
    await invitee.getByLabel("Choose a password").fill(password);
    await invitee.getByLabel("Repeat the password").fill(password);
    await invitee.getByRole("button", { name: "Create account and join" }).click();
    await invitee.waitForURL(/\/orgs\//);
  } finally {
    await context.close();
  }
}
