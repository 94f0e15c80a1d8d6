import { rmSync } from "node:fs";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { execFileSync } from "node:child_process";
import { PG_BASE_DB, PG_PREFIX, SQLITE_BASE, TEST_POSTGRES_URL, pgUrl } from "./db-names";

/**
 * Migrates one base database through the real migration path (the WebAssembly engine); each test file then gets
 * its own copy (tests/setup/per-file-db.ts), so files run in parallel without seeing each other's rows. It runs
 * as `npm run db:migrate` does, in its own process, so no connection or lock outlives it.
 */
function migrate(url: string) {
  execFileSync("node_modules/.bin/tsx", ["scripts/db/migrate.ts"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: "pipe",
  });
}

export default async function setup(project: TestProject) {
  // Both projects share this process, so the provider comes from the project, not from process.env.
  if (project.name === "integration-postgresql") {
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect().catch((e: Error) => {
      throw new Error(`Postgres is not reachable at ${TEST_POSTGRES_URL} (${e.message}); run scripts/provision.sh`);
    });
    await dropMatching(admin, `${PG_PREFIX}%`);
    await admin.query(`CREATE DATABASE ${PG_BASE_DB}`);
    migrate(pgUrl(PG_BASE_DB));
    await admin.end();
    return async () => {
      const c = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await c.connect();
      await dropMatching(c, `${PG_PREFIX}%`);
      await c.end();
    };
  }
  rmSync(SQLITE_BASE, { force: true });
  migrate(`file:${SQLITE_BASE}`);
}

async function dropMatching(client: pg.Client, pattern: string) {
  const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [
    pattern,
  ]);
  for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
}
