/**
 * Expiry rules shared by the overview, the notification check, metrics and the calendar feed (issue 8). Pure: time
 * is always passed in, so tests move it instead of sleeping.
 */
export const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days until `notAfter`: 0 while it expires within the next 24 hours, negative once it has expired. */
export function daysLeft(notAfter: Date, now: Date): number {
  return Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS);
}

type ExpiryBucket = "expired" | "7" | "30" | "90" | "later";

/** The overview's bucket: expired, then at most 7, 30 or 90 days left, then later. */
export function expiryBucket(notAfter: Date, now: Date): ExpiryBucket {
  if (notAfter.getTime() <= now.getTime()) return "expired";
  const days = daysLeft(notAfter, now);
  return days <= 7 ? "7" : days <= 30 ? "30" : days <= 90 ? "90" : "later";
}

/** Notification thresholds in days before expiry; 0 means "on expiry". */
export const DEFAULT_THRESHOLDS: readonly number[] = [30, 7, 1, 0];

/**
 * The thresholds a certificate has crossed at `now`, most urgent first: threshold t is crossed once at most t days
 * remain (t = 0: once it has expired). Empty when none is crossed.
 */
export function crossedThresholds(notAfter: Date, now: Date, thresholds: readonly number[]): number[] {
  const left = notAfter.getTime() - now.getTime();
  return [...new Set(thresholds)].filter((t) => left <= t * DAY_MS).sort((a, b) => a - b);
}

/** Where a certificate sits: a keystore's chain is leaf, intermediates and (self-signed) root; a truststore holds anchors. */
type CertificateRole = "leaf" | "intermediate" | "root" | "trust anchor";

export function certificateRole(
  kind: "keystore" | "truststore",
  position: number,
  selfSigned: boolean,
): CertificateRole {
  if (kind === "truststore") return "trust anchor";
  if (position === 0) return "leaf";
  return selfSigned ? "root" : "intermediate";
}
