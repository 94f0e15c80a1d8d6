import { describe, expect, it } from "vitest";
import { migrate } from "@/lib/db-tools/migrate";
import { db } from "@/lib/server/platform/db";

describe("migrations through the WebAssembly schema engine", () => {
  it("recorded the committed migrations in _prisma_migrations, and re-running applies nothing", async () => {
    const rows = await db().$queryRawUnsafe<{ migration_name: string; finished_at: unknown }[]>(
      `SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
    expect(await migrate(process.env.DATABASE_URL!)).toEqual([]);
  });
});
