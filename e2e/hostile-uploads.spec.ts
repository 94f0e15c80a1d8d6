import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { E2E_ADMIN, expect, expectNoSeriousA11yViolations, signIn, test } from "./fixtures";

const TLS = "/orgs/sample-org/resources/tls";
// A valid key and certificate whose encrypted PKCS#8 key asks for 5,000,000 PBKDF2 rounds.
const hostile = path.resolve("tests/vectors/own/pbkdf2-5m-rounds.pem");

/** The same refusal through REST: 422 at the key's field, never a 500. */
async function refusedOverRest(page: Page) {
  const res = await page.request.post("/api/orgs/sample-org/keystores", {
    headers: { origin: new URL(page.url()).origin },
    data: { title: "Five million rounds (REST)", keystore: readFileSync(hostile, "utf8"), password: "hostile" },
  });
  expect(res.status()).toBe(422);
  expect(JSON.stringify(await res.json())).toContain("needs too much work to open");
}

// REST first, then the form, then REST again: the upload pool is shared by the route and action bundles of the
// server, and a refusal must reach either face typed, whichever of them started the pool.
test("an upload that needs too much work to open is refused at the file field, and nothing is created", async ({
  page,
}) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await refusedOverRest(page);
  await page.goto(`${TLS}/keystores/new`);
  await page.getByLabel("Title").fill("Five million rounds");
  await page.locator('input[type="file"]').setInputFiles(hostile);
  await page.getByLabel("Password (if the key or PKCS#12 file is encrypted)").fill("hostile");
  await page.getByRole("button", { name: "Check files" }).click();
  await expect(page.getByText(/needs too much work to open/).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await refusedOverRest(page);
  await page.goto(`${TLS}/keystores`);
  await expect(page.getByText("Five million rounds")).toHaveCount(0);
});
