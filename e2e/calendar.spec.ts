import {
  E2E_ADMIN,
  ensureViewerAndMember,
  expect,
  expectNoSeriousA11yViolations,
  signIn,
  test,
  VIEWER,
} from "./fixtures";

/** The admin organization holds the installation's default keystores and truststores: certificates to see. */
const ORG = "admin";

test.describe.serial("Settings: calendar feed", () => {
  test("create a feed, read its URL once, subscribe to it, then revoke it with confirmation", async ({
    page,
    request,
  }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto(`/orgs/${ORG}`);
    await test.step("reach the page from the side navigation", async () => {
      await page.getByRole("button", { name: "Settings" }).click();
      await page.getByRole("link", { name: "Calendar feed" }).click();
      await expect(page.getByRole("heading", { name: "Calendar feed", level: 1 })).toBeVisible();
      await expect(page.getByText("No calendar feeds yet")).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    });

    await test.step("an empty name is refused at the field", async () => {
      await page.getByRole("button", { name: "Create feed" }).click();
      const dialog = page.getByRole("dialog", { name: "Create a calendar feed" });
      await dialog.getByRole("button", { name: "Create feed" }).click();
      await expect(dialog.getByLabel("Feed name")).toHaveAttribute("aria-invalid", "true");
      await expect(dialog.getByText("Name is required")).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      await dialog.getByLabel("Feed name").fill("Platform team");
      await dialog.getByRole("button", { name: "Create feed" }).click();
    });

    const url = await test.step("the URL is shown once, with a copy control and a warning", async () => {
      const dialog = page.getByRole("dialog", { name: "Copy the subscription URL" });
      await expect(dialog).toContainText("You will not see it again");
      await expect(dialog.getByRole("button", { name: "Copy to clipboard" })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      const shown = ((await dialog.locator("code").textContent()) ?? "").trim();
      expect(shown).toMatch(/\/api\/orgs\/admin\/expiry\.ics\?token=tlscal_[\w-]{40,}$/);
      // Carbon's snippet styles are loaded: the URL sits in its box inside the dialog, with the copy button beside it
      // (without them the URL ran past the dialog's edge and the button dropped below it).
      const box = (await dialog.locator(".cds--snippet").boundingBox())!;
      const frame = (await dialog.boundingBox())!;
      const copy = (await dialog.getByRole("button", { name: "Copy to clipboard" }).boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(frame.x + frame.width);
      expect(copy.y).toBeGreaterThanOrEqual(box.y);
      expect(copy.y + copy.height).toBeLessThanOrEqual(box.y + box.height + 1);
      await page.keyboard.press("Escape");
      await expect(dialog.getByRole("alert")).toContainText("Not copied yet");
      await dialog.getByRole("button", { name: "Done" }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByRole("button", { name: "Create feed" })).toBeFocused();
      await expect(page.getByText(shown)).toHaveCount(0);
      await expect(page.getByRole("row", { name: /Platform team/ })).toContainText(E2E_ADMIN.email);
      return shown;
    });

    await test.step("a calendar application fetches it without any other credential", async () => {
      const res = await request.get(url);
      expect(res.status()).toBe(200);
      expect(res.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
      const body = await res.text();
      expect(body).toMatch(/^BEGIN:VCALENDAR\r\n/);
      expect(body).toContain("BEGIN:VEVENT");
      expect(body).toContain("TRIGGER:-P30D");
      expect(body).toMatch(/END:VCALENDAR\r\n$/);
    });

    await test.step("revoke asks first; the URL then answers 404", async () => {
      await page.getByRole("button", { name: "Revoke Platform team" }).click();
      const dialog = page.getByRole("dialog", { name: "Revoke Platform team?" });
      await expect(dialog).toContainText("stop receiving updates");
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await expect(page.getByRole("button", { name: "Revoke Platform team" })).toBeFocused();
      expect((await request.get(url)).status()).toBe(200);
      await page.getByRole("button", { name: "Revoke Platform team" }).click();
      await page.getByRole("dialog", { name: "Revoke Platform team?" }).getByRole("button", { name: "Revoke" }).click();
      await expect(page.getByText("Feed Platform team revoked")).toBeVisible();
      await expect(page.getByText("No calendar feeds yet")).toBeVisible();
      await expect(page.getByRole("button", { name: "Create feed" })).toBeFocused();
      expect((await request.get(url)).status()).toBe(404);
    });
  });

  test("someone who may only view settings sees no Settings menu and gets 403 on the page", async ({
    page,
    consoleErrors,
  }) => {
    await ensureViewerAndMember(page);
    await page.context().clearCookies();
    await signIn(page, VIEWER.email, VIEWER.password);
    await page.goto("/orgs/sample-org/resources/tls");
    await expect(page.getByRole("link", { name: "Keystores" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Settings" })).toHaveCount(0);
    const res = await page.goto("/orgs/sample-org/settings/calendar");
    expect(res?.status()).toBe(403);
    // The browser reports the refused document load; that one error is the point of this test.
    expect(consoleErrors).toEqual([expect.stringContaining("403")]);
    consoleErrors.length = 0;
    await expect(page.getByRole("heading", { name: "403 — not allowed" })).toBeVisible();
  });
});
