import { fileURLToPath } from "node:url";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

const alias = {
  "@": fileURLToPath(new URL(".", import.meta.url)),
  // server-only throws outside the react-server condition; tests run server code directly.
  "server-only": fileURLToPath(new URL("./tests/setup/empty.ts", import.meta.url)),
};

const integration = (provider: "sqlite" | "postgresql"): TestProjectInlineConfiguration => ({
  resolve: { alias },
  test: {
    name: `integration-${provider}`,
    include: ["tests/integration/**/*.test.ts"],
    environment: "node",
    // A fixed, test-only master key: tests never write ./data/master.key.
    env: {
      TEST_DB_PROVIDER: provider,
      NODE_ENV: "test",
      MASTER_KEY: "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
    },
    globalSetup: ["tests/setup/workers.ts", "tests/setup/global-db.ts"],
    setupFiles: ["tests/setup/per-file-db.ts", "tests/setup/next-mocks.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "tests/unit/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/setup/workers.ts"],
        },
      },
      integration("sqlite"),
      integration("postgresql"),
    ],
  },
});
