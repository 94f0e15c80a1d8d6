import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { saveVersioned, type VersionedTable } from "./row-version";

const savedAt = new Date("2026-01-02T03:04:05.000Z");
const row = { id: "r1", rowVersion: 3, updatedBy: "ann@example.com", updatedAt: savedAt };

/** A one-row table that counts writes; `current` is the version another instance may have moved on to. */
function tableAt(current: number) {
  const writes: Record<string, unknown>[] = [];
  const table: VersionedTable = {
    updateMany: async ({ where, data }) => {
      if (where.rowVersion !== current) return { count: 0 };
      writes.push(data);
      return { count: 1 };
    },
    findUniqueOrThrow: async () => ({ updatedBy: "bob@example.com", updatedAt: savedAt }),
  };
  return { table, writes };
}

describe("saveVersioned", () => {
  it("writes the columns and bumps the row version when nobody saved in between", async () => {
    const { table, writes } = tableAt(3);
    await saveVersioned(table, "keystore", row, 3, () => ({ title: "t" }));
    expect(writes).toEqual([{ title: "t", rowVersion: { increment: 1 } }]);
  });

  it("refuses a save whose editor read an older version, before computing or writing anything", async () => {
    const { table, writes } = tableAt(3);
    let computed = false;
    const e = await saveVersioned(table, "keystore", row, 2, () => {
      computed = true;
      return {};
    }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("STALE");
    expect((e as AppError).message).toBe(
      "This keystore was changed by ann@example.com at 2026-01-02 03:04 UTC — reload to see their changes.",
    );
    expect(computed).toBe(false);
    expect(writes).toEqual([]);
  });

  it("refuses a save that lost the race after the read, naming who won", async () => {
    const { table, writes } = tableAt(4);
    const e = await saveVersioned(table, "profile", row, undefined, () => ({})).catch((x: unknown) => x);
    expect((e as AppError).code).toBe("STALE");
    expect((e as AppError).message).toMatch(/^This profile was changed by bob@example.com at /);
    expect(writes).toEqual([]);
  });
});
