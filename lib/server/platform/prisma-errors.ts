import "server-only";

/**
 * Prisma reports a unique-constraint violation as P2002 on every provider; the driver-adapter path can also
 * surface the adapter's own error kind. Both mean "already exists".
 */
export function isUniqueViolation(e: unknown): boolean {
  if (!e || typeof e !== "object") return false;
  const err = e as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } };
  return err.code === "P2002" || err.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation";
}

/** Prisma's foreign-key violation (P2003), raised when a delete races a profile that starts using the store. */
export function isForeignKeyViolation(e: unknown): boolean {
  if (!e || typeof e !== "object") return false;
  const err = e as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } };
  return err.code === "P2003" || err.meta?.driverAdapterError?.cause?.kind === "ForeignKeyConstraintViolation";
}

/**
 * PostgreSQL text cannot hold U+0000 (SQLite can): Prisma answers P2039 with the database's code 22021. Whatever
 * face the text came through, it is bad input, not a fault of ours.
 */
export function isNulCharacterRefusal(e: unknown): boolean {
  if (!e || typeof e !== "object") return false;
  const err = e as { code?: unknown; message?: unknown };
  return err.code === "P2039" && typeof err.message === "string" && /22021|0x00/.test(err.message);
}
