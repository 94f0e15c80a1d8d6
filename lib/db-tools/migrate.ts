import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import type { MigrationList } from "@prisma/schema-engine-wasm";
import { providerOf, sqlitePath } from "@/lib/server/platform/db-url";
import { openEngine } from "./schema-engine";
import { migrationsDir } from "./schema-source";

export const NO_FILTERS = { externalTables: [], externalEnums: [] };

export function migrationList(dir: string): MigrationList {
  const lockPath = join(dir, "migration_lock.toml");
  const names = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort()
    : [];
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: names.map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok", value: readFileSync(join(dir, name, "migration.sql"), "utf8") },
      },
    })),
  };
}

/**
 * Applies committed migrations into the standard `_prisma_migrations` history, as `prisma migrate deploy` would.
 * Re-running applies nothing. Returns the names applied now.
 */
export async function migrate(url: string): Promise<string[]> {
  const provider = providerOf(url);
  if (provider === "sqlite") {
    const path = sqlitePath(url);
    mkdirSync(dirname(path), { recursive: true });
    // WAL lets readers proceed while a writer commits; it is a property of the file, so set it once here.
    const file = new Database(path);
    file.pragma("journal_mode = WAL");
    file.close();
  }
  const { engine, close } = await openEngine(url);
  try {
    const out = await engine.applyMigrations({
      migrationsList: migrationList(migrationsDir(provider)),
      filters: NO_FILTERS,
    });
    return out.appliedMigrationNames;
  } finally {
    await close();
  }
}
