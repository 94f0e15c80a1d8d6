/** Expiry arithmetic shared by the upload warnings and the tables (no Node imports: runs in browsers). */
const EXPIRY_WARNING_DAYS = 30;
const EXPIRY_CRITICAL_DAYS = 7;
const DAY_MS = 86_400_000;

/** Whole days from `now` until `notAfter`; negative once expired. */
export function daysLeft(notAfter: string, now: Date): number {
  return Math.floor((Date.parse(notAfter) - now.getTime()) / DAY_MS);
}

type ExpiryLevel = "expired" | "critical" | "warning" | "ok";

export function expiryLevel(notAfter: string, now: Date): ExpiryLevel {
  const days = daysLeft(notAfter, now);
  if (Date.parse(notAfter) < now.getTime()) return "expired";
  if (days < EXPIRY_CRITICAL_DAYS) return "critical";
  if (days < EXPIRY_WARNING_DAYS) return "warning";
  return "ok";
}
