import path from "node:path";
import { E2E_ADMIN, expect, expectNoSeriousA11yViolations, signIn, test } from "./fixtures";

const TLS = "/orgs/sample-org/resources/tls";
// A valid key and certificate whose encrypted PKCS#8 key asks for 5,000,000 PBKDF2 rounds.
const hostile = path.resolve("tests/vectors/own/pbkdf2-5m-rounds.pem");

test("an upload that needs too much work to open is refused at the file field, and nothing is created", async ({
  page,
}) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(`${TLS}/keystores/new`);
  await page.getByLabel("Title").fill("Five million rounds");
  await page.locator('input[type="file"]').setInputFiles(hostile);
  await page.getByLabel("Password (if the key or PKCS#12 file is encrypted)").fill("hostile");
  await page.getByRole("button", { name: "Check files" }).click();
  await expect(page.getByText(/needs too much work to open/).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.goto(`${TLS}/keystores`);
  await expect(page.getByText("Five million rounds")).toHaveCount(0);
});
