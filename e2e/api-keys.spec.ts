import { E2E_ADMIN, expect, expectNoSeriousA11yViolations, signIn, test } from "./fixtures";

const PAGE = "/account/api-keys";
const PROFILES_API = "/api/orgs/sample-org/tls-client-profiles";

test.describe.serial("API keys", () => {
  test("create a key, read it from the page once, and call the REST API with it", async ({ page, request }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto(PAGE);
    await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
    await page.getByLabel("Key name").fill("e2e script");
    await page.getByRole("button", { name: "Create key" }).click();

    const dialog = page.getByRole("dialog", { name: "Copy your new API key" });
    await expect(dialog).toContainText("You will not see it again");
    const key = (await dialog.locator("code").textContent())?.trim() ?? "";
    expect(key).toMatch(/^tlsc_\S{20,}$/);
    await expectNoSeriousA11yViolations(page);
    await dialog.getByRole("button", { name: "Done" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(key)).toHaveCount(0);
    await expect(page.getByRole("row", { name: /e2e script/ })).toContainText("active");

    // `request` carries no session cookie: only the bearer key authenticates these calls.
    const withKey = await request.get(PROFILES_API, { headers: { authorization: `Bearer ${key}` } });
    expect(withKey.status()).toBe(200);
    expect(await withKey.json()).toHaveProperty("results");
    expect((await request.get(PROFILES_API)).status()).toBe(401);
  });
});
