import "server-only";
import { AppError } from "@/lib/errors";

/** Who saved a row last, for the "changed by … at …" message. */
interface LastSave {
  updatedBy: string;
  updatedAt: Date;
}

export interface Versioned extends LastSave {
  id: string;
  rowVersion: number;
}

/** The two table operations a guarded write needs; every editable model's delegate fits. */
export interface VersionedTable {
  updateMany(args: {
    where: { id: string; rowVersion: number };
    data: Record<string, unknown>;
  }): PromiseLike<{ count: number }>;
  findUniqueOrThrow(args: { where: { id: string } }): PromiseLike<LastSave>;
}

/** "2026-01-02 03:04 UTC": the server does not know the reader's time zone, so it says which one it uses. */
const utcMinute = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

function stale(what: string, last: LastSave): AppError {
  return new AppError(
    "STALE",
    `This ${what} was changed by ${last.updatedBy} at ${utcMinute(last.updatedAt)} — reload to see their changes.`,
  );
}

/**
 * Optimistic concurrency, one rule for every editable resource. `row` was read in the caller's transaction and
 * `expected` is the row version the editor read (none from a REST client without If-Match). The columns from
 * `columns` are written, and the row version bumped, only if nobody saved since either read; otherwise nothing is
 * written and the error says who changed it and when. `columns` runs after the check, so a stale save is
 * refused before any other complaint about it.
 */
export async function saveVersioned(
  table: VersionedTable,
  what: string,
  row: Versioned,
  expected: number | undefined,
  columns: () => Promise<Record<string, unknown>> | Record<string, unknown>,
): Promise<void> {
  if (expected !== undefined && row.rowVersion !== expected) throw stale(what, row);
  const { count } = await table.updateMany({
    where: { id: row.id, rowVersion: row.rowVersion },
    data: { ...(await columns()), rowVersion: { increment: 1 } },
  });
  if (count === 0) throw stale(what, await table.findUniqueOrThrow({ where: { id: row.id } }));
}
