import { rmSync } from "node:fs";
import pg from "pg";
import { migrate } from "@/lib/db-tools/migrate";
import { PG_BASE_DB, SQLITE_BASE, TEST_POSTGRES_URL, pgUrl } from "./db-names";

/**
 * Migrates one base database through the real migration path (the WebAssembly engine); each test file then gets
 * its own copy (tests/setup/per-file-db.ts), so files run in parallel without seeing each other's rows.
 */
export default async function setup() {
  if (process.env.TEST_DB_PROVIDER === "postgresql") {
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect().catch((e: Error) => {
      throw new Error(`Postgres is not reachable at ${TEST_POSTGRES_URL} (${e.message}); run scripts/provision.sh`);
    });
    await dropMatching(admin, "tls_console_test_%");
    await admin.query(`CREATE DATABASE ${PG_BASE_DB}`);
    await migrate(pgUrl(PG_BASE_DB));
    // A template must have no open connections.
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [PG_BASE_DB]);
    await admin.end();
    return async () => {
      const c = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await c.connect();
      await dropMatching(c, "tls_console_test_%");
      await c.end();
    };
  }
  rmSync(SQLITE_BASE, { force: true });
  await migrate(`file:${SQLITE_BASE}`);
}

async function dropMatching(client: pg.Client, pattern: string) {
  const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [pattern]);
  for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
}
