import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_ADMIN = { email: "owner@e2e.test", password: "e2e-owner-password-1" };

/** Debian's Chromium (no browser download); a production server on its own SQLite file, seeded fresh each run. */
export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    command: `rm -f data/e2e.db data/e2e.db-* && npm run db:migrate && npm run db:seed && npx next start -p ${PORT} -H 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}/login`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      DATABASE_URL: "file:./data/e2e.db",
      ADMIN_EMAIL: E2E_ADMIN.email,
      ADMIN_PASSWORD: E2E_ADMIN.password,
      PUBLIC_URL: `http://127.0.0.1:${PORT}`,
      LOG_LEVEL: "warn",
      // Test-only key: the run never writes ./data/master.key.
      MASTER_KEY: "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100",
      // Webhook receivers in specs listen on loopback over http: the outbound guard lets the server reach them.
      OUTBOUND_ALLOW: "127.0.0.0/8",
    },
  },
});
