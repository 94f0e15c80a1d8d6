import type { APIRequestContext, Page } from "@playwright/test";
import { E2E_ADMIN, expect, expectNoSeriousA11yViolations, signIn, test } from "./fixtures";

const PAGE = "/account/api-keys";
const profilesApi = (org: string) => `/api/orgs/${org}/tls-client-profiles`;
const bearer = (key: string) => ({ headers: { authorization: `Bearer ${key}` } });

/** Creates a key through the form and returns it as read from the one dialog that shows it. */
async function createKey(page: Page, name: string, options: { expiry?: string; org?: string } = {}) {
  const form = page.getByRole("form", { name: "Create an API key" });
  await form.getByLabel("Key name").fill(name);
  if (options.expiry) await form.getByLabel("Expires after").selectOption({ label: options.expiry });
  if (options.org) await form.getByLabel("Organization").selectOption({ label: options.org });
  await form.getByRole("button", { name: "Create key" }).click();
  const dialog = page.getByRole("dialog", { name: "Copy your new API key" });
  await expect(dialog).toContainText("You will not see it again");
  const key = (await dialog.locator("code").textContent())?.trim() ?? "";
  expect(key).toMatch(/^tlsc_\S{20,}$/);
  return { dialog, key };
}

// `request` carries no session cookie: only the bearer key authenticates these calls.
const status = async (request: APIRequestContext, org: string, key?: string) =>
  (await request.get(profilesApi(org), key ? bearer(key) : {})).status();

test.describe.serial("API keys", () => {
  let scriptKey = "";

  test.beforeEach(async ({ page }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto(PAGE);
    await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  });

  test("create a key, read it from the page once, and call the REST API with it", async ({ page, request }) => {
    await expectNoSeriousA11yViolations(page);
    const { dialog, key } = await createKey(page, "e2e script");
    await expectNoSeriousA11yViolations(page);
    // Escape before copying only warns: the key is still there to copy.
    await page.keyboard.press("Escape");
    await expect(dialog.getByRole("alert")).toContainText("Not copied yet");
    await expect(dialog).toContainText(key);
    await dialog.getByRole("button", { name: "Done" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(key)).toHaveCount(0);
    await expect(page.getByRole("row", { name: /e2e script/ })).toContainText("active");

    const res = await request.get(profilesApi("sample-org"), bearer(key));
    expect(res.status()).toBe(200);
    expect(await res.json()).toHaveProperty("results");
    expect(await status(request, "sample-org")).toBe(401);
    await page.reload();
    // Created, expires (90 days by default) and now last used.
    await expect(page.getByRole("row", { name: /e2e script/ }).locator("time")).toHaveCount(3);
    scriptKey = key;
  });

  test("a missing name is refused at the field, and nothing is created", async ({ page }) => {
    await page.getByRole("button", { name: "Create key" }).click();
    await expect(page.getByLabel("Key name")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Name is required")).toBeVisible();
    await expect(page.getByRole("dialog")).toHaveCount(0);
  });

  test("a key for one organization, expiring in 30 days, is refused in any other", async ({ page, request }) => {
    const { dialog, key } = await createKey(page, "sample only", {
      expiry: "30 days",
      org: "Only Sample Provider Organization",
    });
    await dialog.getByRole("button", { name: "Done" }).click();
    const row = page.getByRole("row", { name: /sample only/ });
    await expect(row).toContainText("Sample Provider Organization");
    await expect(row.locator("time")).toHaveCount(2); // created and expires

    expect(await status(request, "sample-org", key)).toBe(200);
    // The owner administers the admin organization too; the key alone is what refuses it.
    expect(await status(request, "admin", scriptKey)).toBe(200);
    expect(await status(request, "admin", key)).toBe(403);
  });

  test("revoke asks first; the key then gets 401", async ({ page, request }) => {
    await page.getByRole("button", { name: "Revoke e2e script" }).click();
    const dialog = page.getByRole("dialog", { name: "Revoke e2e script?" });
    await expect(dialog).toContainText("401");
    await dialog.getByRole("button", { name: "Revoke" }).click();
    await expect(page.getByRole("row", { name: /e2e script/ })).toContainText("revoked");
    await expect(page.getByRole("button", { name: "Revoke e2e script" })).toHaveCount(0);
    expect(await status(request, "sample-org", scriptKey)).toBe(401);
  });
});
