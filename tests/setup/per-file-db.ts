import Database from "better-sqlite3";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll } from "vitest";
import { PG_BASE_DB, PG_PREFIX, SQLITE_BASE, SQLITE_PREFIX, TEST_POSTGRES_URL, pgUrl } from "./db-names";

const id = randomBytes(6).toString("hex");

if (process.env.TEST_DB_PROVIDER === "postgresql") {
  const name = `${PG_PREFIX}${id}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${PG_BASE_DB}`);
  await admin.end();
  process.env.DATABASE_URL = pgUrl(name);
} else {
  const file = `${SQLITE_PREFIX}${id}.db`;
  // VACUUM INTO reads through the WAL, so the copy holds everything the migration wrote.
  const base = new Database(SQLITE_BASE, { readonly: true });
  base.exec(`VACUUM INTO '${file}'`);
  base.close();
  process.env.DATABASE_URL = `file:${file}`;
}

afterAll(async () => {
  const { db } = await import("@/lib/server/platform/db");
  await db().$disconnect();
});
