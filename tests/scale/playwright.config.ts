import { defineConfig } from "@playwright/test";
import e2e from "../../playwright.config";

/**
 * The scale-out proof: its spec starts and stops its own two servers on PostgreSQL (./instances.ts), so there is no
 * webServer here; it needs `next build` first. Same browser as the end-to-end suite.
 */
export default defineConfig({
  testDir: ".",
  outputDir: "../../test-results/scale",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: { trace: "retain-on-failure", launchOptions: e2e.use?.launchOptions },
});
