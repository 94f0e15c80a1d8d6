/** The database the app talks to: Postgres when DATABASE_URL says so, the embedded SQLite file otherwise. */
export type DbProvider = "sqlite" | "postgresql";

const DEFAULT_SQLITE_URL = "file:./data/console.db";

export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL?.trim() || DEFAULT_SQLITE_URL;
}

export function providerOf(url: string): DbProvider {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgresql";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error("DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL)");
}

/** better-sqlite3 takes a path, Prisma URLs say file:path. */
export function sqlitePath(url: string): string {
  return url.replace(/^file:/, "");
}
