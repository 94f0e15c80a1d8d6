import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { DbProvider } from "@/lib/server/platform/db-url";

export const ROOT = join(import.meta.dirname, "..", "..");
export const PROVIDERS: DbProvider[] = ["sqlite", "postgresql"];

/** The single data model with its provider filled in (docs/decisions/002). */
export function datamodelFor(provider: DbProvider): string {
  return readFileSync(join(ROOT, "prisma", "schema.prisma"), "utf8").replaceAll("__PROVIDER__", provider);
}

export function migrationsDir(provider: DbProvider): string {
  return join(ROOT, "prisma", "migrations", provider);
}
