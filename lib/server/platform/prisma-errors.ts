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
