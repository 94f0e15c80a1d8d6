import { expect, expectNoSeriousA11yViolations, test } from "./fixtures";

test.describe("sign-in limits", () => {
  test("a client cannot escape the back-off by writing its own X-Forwarded-For; the refusal says when to retry", async ({
    page,
  }) => {
    // An account nobody uses, so the pair's wait cannot slow down other specs signing in from this machine.
    const email = `stranger-${Date.now()}@e2e.test`;
    await page.goto("/login");
    const alert = page.getByRole("alert").filter({ hasText: "Sign-in failed" });
    let failures = 0;
    for (; failures < 10; failures++) {
      // If the console believed this header, every attempt would come from a new address and never be slowed.
      await page.setExtraHTTPHeaders({ "x-forwarded-for": `203.0.113.${failures + 1}` });
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password", { exact: true }).fill(`guess-${failures}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
      await expect(alert).toBeVisible();
      if ((await alert.textContent())?.includes("Try again in")) break;
      await expect(alert).toContainText("Incorrect email or password.");
    }
    expect(failures).toBeGreaterThan(0);
    expect(failures).toBeLessThan(10);
    await expect(alert).toContainText(/Too many failed sign-in attempts\. Try again in \d+ (seconds?|minutes)\./);
    await expectNoSeriousA11yViolations(page);
  });
});
