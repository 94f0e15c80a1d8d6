import { createHmac } from "node:crypto";
import { startReceiver } from "../tests/helpers/webhook-receiver";
import { E2E_ADMIN, expect, expectNoSeriousA11yViolations, signIn, test } from "./fixtures";

const PAGE = "/orgs/sample-org/settings/notifications";
const SECRET = "e2e-webhook-secret-0123456789";

test.describe.serial("Settings → Notifications", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  });

  test("save thresholds and extra addresses; a bad list is refused at its field", async ({ page }) => {
    await page.goto("/orgs/sample-org");
    await page.getByRole("navigation", { name: "Side navigation" }).getByRole("button", { name: "Settings" }).click();
    await page.getByRole("link", { name: "Notifications" }).click();
    await expect(page).toHaveURL(new RegExp(`${PAGE}$`));
    await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
    // The e2e server has no SMTP_URL: the page says so plainly.
    await expect(page.getByText("E-mail is not configured")).toBeVisible();
    await expect(page.getByText("No webhooks yet")).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    const thresholds = page.getByLabel("Thresholds (days before expiry)");
    await expect(thresholds).toHaveValue("30, 7, 1, 0");
    await thresholds.fill("30, soon");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("“soon”: Thresholds are whole numbers of days, such as 30, 7, 1, 0")).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // In a list of addresses the error names the one at fault, and the field is described by it.
    const extra = page.getByLabel("Extra e-mail addresses");
    await thresholds.fill("14, 60, 3, 0");
    await extra.fill("oncall@example.test\nnot-an-address");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(extra).toHaveAccessibleDescription(
      "“not-an-address”: Enter e-mail addresses, such as ops@example.com",
    );
    await expectNoSeriousA11yViolations(page);

    await page.getByLabel("Extra e-mail addresses").fill("oncall@example.test");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("Notification settings saved")).toBeVisible();
    await expect(thresholds).toHaveValue("60, 14, 3, 0");
    await page.reload();
    await expect(page.getByLabel("Thresholds (days before expiry)")).toHaveValue("60, 14, 3, 0");
    await expect(page.getByLabel("Extra e-mail addresses")).toHaveValue("oncall@example.test");
  });

  test("add a webhook, send a test notification, read it in the delivery log, delete it", async ({ page }) => {
    const receiver = await startReceiver([200]);
    try {
      await page.goto(PAGE);
      await page.getByRole("button", { name: "Add webhook" }).click();
      const dialog = page.getByRole("dialog", { name: "Add a webhook" });
      await expect(dialog).toBeVisible();
      // The cloud metadata address is refused by the outbound guard, at the URL field.
      await expect(dialog.getByLabel("URL")).toBeFocused();
      await page.keyboard.type("http://169.254.169.254/latest/meta-data");
      await page.keyboard.press("Tab");
      await page.keyboard.type(SECRET);
      // Enter in the last field submits, as the modal's primary button does.
      await page.keyboard.press("Enter");
      await expect(dialog.getByText(/169\.254\.169\.254 is/)).toBeVisible();
      await expectNoSeriousA11yViolations(page);

      const url = receiver.url("/e2e-hook");
      await dialog.getByLabel("URL").fill(url);
      await dialog.getByRole("button", { name: "Add webhook" }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByRole("button", { name: "Add webhook" })).toBeFocused();
      const row = page.getByRole("row", { name: new RegExp(url.replace(/[.]/g, "\\.")) });
      await expect(row).toBeVisible();
      // The row's three buttons share one line.
      const tops = await row
        .getByRole("button")
        .evaluateAll((buttons) => buttons.map((b) => b.getBoundingClientRect().top));
      expect(new Set(tops).size).toBe(1);
      // The secret is never shown again.
      await expect(page.getByText(SECRET)).toHaveCount(0);

      await row.getByRole("button", { name: `Send test notification to ${url}` }).click();
      await expect(page.getByText("Test notification delivered")).toBeVisible();
      await expect(row.getByRole("button", { name: `Send test notification to ${url}` })).toBeFocused();
      expect(receiver.posts).toHaveLength(1);
      const [post] = receiver.posts;
      expect(JSON.parse(post.body)).toMatchObject({ event: "test", org: "sample-org" });
      expect(post.headers["x-tls-console-signature"]).toBe(
        `sha256=${createHmac("sha256", SECRET).update(post.body).digest("hex")}`,
      );

      await row.getByRole("button", { name: `Delivery log of ${url}` }).click();
      const log = page.getByRole("dialog", { name: `Delivery log: ${url}` });
      const attempt = log.getByRole("row", { name: /test/ });
      await expect(attempt).toContainText("Sent");
      await expect(attempt).toContainText("HTTP 200");
      await expectNoSeriousA11yViolations(page);
      await log.getByRole("button", { name: "Close" }).click();
      await expect(log).toBeHidden();
      await expect(row.getByRole("button", { name: `Delivery log of ${url}` })).toBeFocused();

      await row.getByRole("button", { name: `Delete webhook ${url}` }).click();
      const confirm = page.getByRole("dialog", { name: `Delete the webhook ${url}?` });
      await confirm.getByRole("button", { name: "Delete" }).click();
      await expect(page.getByText("Webhook deleted")).toBeVisible();
      await expect(page.getByText("No webhooks yet")).toBeVisible();
      await expect(page.getByRole("button", { name: "Add webhook" })).toBeFocused();
    } finally {
      await receiver.close();
    }
  });

  test("check now reports what it queued", async ({ page }) => {
    await page.goto(PAGE);
    const check = page.getByRole("button", { name: "Check now" });
    await check.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByText("Expiry check done")).toBeVisible();
    // The button stays while the check runs, so keyboard focus is where it was.
    await expect(check).toBeFocused();
  });
});
