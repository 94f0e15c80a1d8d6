/**
 * Writes the next migration for both providers from the difference between the last committed snapshot of the
 * data model and prisma/schema.prisma: `npm run db:migration -- <name>`. Offline: uses the WebAssembly engine.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openEngine } from "@/lib/db-tools/schema-engine";
import { NO_FILTERS } from "@/lib/db-tools/migrate";
import { datamodelFor, migrationsDir, PROVIDERS } from "@/lib/db-tools/schema-source";

const name = process.argv[2]?.replace(/[^a-z0-9_]+/gi, "_");
if (!name) throw new Error("usage: npm run db:migration -- <name>");
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);

// A throwaway SQLite database is enough to host the engine: the diff itself reads only schema files.
const scratchUrl = `file:${join(process.env.TMPDIR ?? "/tmp", `tls-console-diff-${process.pid}.db`)}`;

for (const provider of PROVIDERS) {
  const dir = migrationsDir(provider);
  const snapshotPath = join(dir, "schema.snapshot.prisma");
  const to = datamodelFor(provider);
  const from = existsSync(snapshotPath) ? readFileSync(snapshotPath, "utf8") : null;
  const { engine, close } = await openEngine(scratchUrl);
  const result = await engine.diff({
    from: from ? { tag: "schemaDatamodel", files: [{ path: "from.prisma", content: from }] } : { tag: "empty" },
    to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: to }] },
    script: true,
    exitCode: null,
    filters: NO_FILTERS,
  });
  await close();
  const sql = result.stdout ?? "";
  if (!sql.trim() || sql.includes("This is an empty migration")) {
    console.log(`${provider}: no changes`);
    continue;
  }
  mkdirSync(join(dir, `${stamp}_${name}`), { recursive: true });
  writeFileSync(join(dir, `${stamp}_${name}`, "migration.sql"), sql);
  writeFileSync(join(dir, "migration_lock.toml"), `provider = "${provider}"\n`);
  writeFileSync(snapshotPath, to);
  console.log(`${provider}: wrote ${stamp}_${name}/migration.sql`);
}
