import { issue } from "../lib/crypto/pki";
import { DAY_MS } from "../lib/tls/expiry";
import { E2E_ADMIN, expect, expectNoSeriousA11yViolations, signIn, test } from "./fixtures";

const TLS = "/orgs/sample-org/resources/tls";
const now = new Date();
// The intermediate expires in 5 days, long before the leaf (300) and the root (3000): the miss this page exists for.
const root = issue(now, { commonName: "E2E Expiry Root", usage: "ca", toDays: 3000 });
const intermediate = issue(now, { commonName: "E2E Expiry Intermediate", usage: "ca", toDays: 5 }, root);
const leaf = issue(
  now,
  { commonName: "expiry.e2e.test", usage: "client", dnsNames: ["expiry.e2e.test"], toDays: 300 },
  intermediate,
);
const breakDay = new Date(now.getTime() + 5 * DAY_MS).toISOString().slice(0, 10);

test.describe.serial("Expiry overview", () => {
  test("a keystore whose intermediate expires soon: tiles, bucket filter, the profile's break and cause, row links", async ({
    page,
  }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    // Material and a profile through REST with the browser's session, as the console's own pages would send them.
    const origin = new URL(page.url()).origin;
    const post = (path: string, data: object) =>
      page.request.post(`/api/orgs/sample-org/${path}`, { headers: { origin }, data });
    const created = await post("keystores", {
      title: "Expiry partner",
      keystore: leaf.keyPem + leaf.certPem + intermediate.certPem + root.certPem,
    });
    expect(created.status(), await created.text()).toBe(201);
    const profile = await post("tls-client-profiles", {
      title: "Expiry partner client",
      version: "1.0.0",
      protocols: ["tls_v1.3"],
      ciphers: ["TLS_AES_256_GCM_SHA384"],
      keystore_url: "expiry-partner",
    });
    expect(profile.status(), await profile.text()).toBe(201);

    await page.goto(`${TLS}/keystores`);
    const menu = page.getByRole("navigation", { name: "Side navigation" });
    await expect(menu.getByRole("link").first()).toHaveText("Expiry");
    await menu.getByRole("link", { name: "Expiry" }).click();
    await expect(page).toHaveURL(new RegExp(`${TLS}/expiry$`));
    await expect(page.getByRole("heading", { name: "Certificate expiry", level: 1 })).toBeVisible();
    await expect(menu.getByRole("link", { name: "Expiry" })).toHaveAttribute("aria-current", "page");

    const tiles = page.getByRole("navigation", { name: "Expiry buckets" });
    const week = tiles.getByRole("link", { name: /7 days or less/ });
    await expect(week).toContainText("1");
    // The chart is drawn in the browser only (next/dynamic, ssr: false); its counts are also in a list for screen readers.
    await expect(page.locator(".cds--chart-holder svg").first()).toBeVisible();
    await expect(page.getByText(/^\d{4}-\d{2}: 1 certificate expires$/).first()).toBeAttached();
    const certificates = page.getByRole("table", { name: "Certificates" });
    await expect(certificates.getByRole("row", { name: /root \(position 2\) CN=E2E Expiry Root/ })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await week.click();
    await expect(page).toHaveURL(/[?&]bucket=7\b/);
    await expect(week).toHaveAttribute("aria-current", "true");
    const row = certificates.getByRole("row", { name: /E2E Expiry Intermediate/ });
    await expect(row).toContainText("intermediate");
    await expect(row).toContainText(breakDay);
    // The days-left tag is read whole, not cut to "5 days l…" by the column's width.
    const daysLeft = row.locator(".cds--tag__label", { hasText: /days? left/ });
    expect(await daysLeft.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
    await expect(row.getByRole("link", { name: "Expiry partner client 1.0.0" })).toBeVisible();
    await expect(certificates.getByRole("row", { name: /root \(position 2\)/ })).toHaveCount(0);
    await expect(certificates.getByRole("row", { name: /expiry\.e2e\.test/ })).toHaveCount(0);

    const profiles = page.getByRole("table", { name: "Profiles" });
    const broken = profiles.getByRole("row", { name: /Expiry partner client/ });
    await expect(broken).toContainText(
      `breaks ${breakDay}: intermediate 'E2E Expiry Intermediate' of keystore expiry-partner expires`,
    );
    await expectNoSeriousA11yViolations(page);

    // The filter form keeps its choices in the URL.
    await page.getByLabel("Kind").selectOption("truststore");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/kind=truststore/);
    await expect(certificates.getByRole("row", { name: /E2E Expiry Intermediate/ })).toHaveCount(0);
    await page.getByRole("link", { name: "Clear filters" }).click();
    await expect(page).toHaveURL(new RegExp(`${TLS}/expiry$`));

    // Every row leads to its store, every profile to its page.
    await profiles.getByRole("link", { name: "Expiry partner client 1.0.0" }).click();
    await expect(page).toHaveURL(new RegExp(`${TLS}/client-profiles/expiry-partner-client/1\\.0\\.0$`));
    await page.goBack();
    await certificates
      .getByRole("row", { name: /intermediate \(position 1\) CN=E2E Expiry Intermediate/ })
      .getByRole("link", { name: "Expiry partner (expiry-partner)" })
      .click();
    await expect(page).toHaveURL(new RegExp(`${TLS}/keystores/expiry-partner$`));

    // Other specs expect sample-org to hold no client profiles: the one made here goes again.
    const removed = await page.request.delete(`/api/orgs/sample-org/tls-client-profiles/expiry-partner-client/1.0.0`, {
      headers: { origin },
    });
    expect(removed.status()).toBe(204);
  });

  test("every organization: the admin organization's owner sees each row's organization; a provider organization has no such page (404)", async ({
    page,
  }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto("/orgs/admin/resources/tls/expiry");
    await page.getByRole("link", { name: "Show every organization's certificates" }).click();
    await expect(page).toHaveURL(/\/orgs\/admin\/all-organizations\/expiry$/);
    await expect(page.getByRole("heading", { name: "Certificate expiry: every organization" })).toBeVisible();
    await page
      .getByRole("navigation", { name: "Expiry buckets" })
      .getByRole("link", { name: /7 days or less/ })
      .click();
    // The leaf is issued by the intermediate: until the bucket's page has loaded, two rows name it.
    await expect(page).toHaveURL(/[?&]bucket=7\b/);
    const row = page.getByRole("table", { name: "Certificates" }).getByRole("row", { name: /E2E Expiry Intermediate/ });
    await expect(row).toContainText("Sample Provider Organization");
    await expectNoSeriousA11yViolations(page);
    // sample-org is a provider organization: the view does not exist there, even for its owner.
    const refused = await page.request.get("/orgs/sample-org/all-organizations/expiry");
    expect(refused.status()).toBe(404);
    await page.goto(`${TLS}/expiry`);
    await expect(page.getByRole("heading", { name: "Certificate expiry", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: "Show every organization's certificates" })).toHaveCount(0);
  });

  test("nothing expiring within a year is said in words, not drawn as an empty chart", async ({ page }) => {
    await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
    // The admin organization holds only the installation's defaults, valid for years.
    await page.goto("/orgs/admin/resources/tls/expiry");
    await expect(page.getByText("No certificate expires in the next 12 months.")).toBeVisible();
    await expect(page.locator(".cds--chart-holder")).toHaveCount(0);
    await expect(page.getByLabel("Kind").locator("option:checked")).toHaveText("Any kind");
  });
});
