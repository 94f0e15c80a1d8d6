import "server-only";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "@/lib/generated/sqlite/client";
import { PrismaClient as PostgresClient } from "@/lib/generated/postgresql/client";
import { databaseUrl, providerOf, sqlitePath } from "@/lib/server/platform/db-url";

/**
 * Both generated clients come from one data model (docs/decisions/002), so the SQLite client's type describes
 * either; the data layer never uses a provider-specific feature.
 */
export type Db = SqliteClient;

function connect(url: string): Db {
  if (providerOf(url) === "postgresql") {
    const client = new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) });
    return client as unknown as Db;
  }
  const path = sqlitePath(url);
  mkdirSync(dirname(path), { recursive: true });
  return new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: path, timeout: 10_000 }) });
}

const globalForDb = globalThis as unknown as { tlsConsoleDb?: Db; tlsConsoleDbUrl?: string };

/** One client per process (and per URL, so tests can point at a per-worker database). */
export function db(): Db {
  const url = databaseUrl();
  if (!globalForDb.tlsConsoleDb || globalForDb.tlsConsoleDbUrl !== url) {
    globalForDb.tlsConsoleDb = connect(url);
    globalForDb.tlsConsoleDbUrl = url;
  }
  return globalForDb.tlsConsoleDb;
}
