/**
 * Expiry rules shared by the overview, the notification check, metrics and the calendar feed (issue 8). Pure: time
 * is always passed in, so tests move it instead of sleeping.
 */
export const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days until `notAfter`: 0 while it expires within the next 24 hours, negative once it has expired. */
export function daysLeft(notAfter: Date, now: Date): number {
  return Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS);
}

/** Clock-skew allowance: issuers (this console included) backdate notBefore by a minute or so. */
const BACKDATE_ALLOWANCE_MS = 60 * 60 * 1000;

/**
 * A certificate's validity period in days, a started day counting whole: 398 days and 23 hours is 399, so a
 * maximum of 398 refuses it. An hour of backdating is allowed for, so a 398-day certificate backdated by a minute
 * stays 398.
 */
export function certificateLifetimeDays(notBefore: Date, notAfter: Date): number {
  return Math.max(0, Math.ceil((notAfter.getTime() - notBefore.getTime() - BACKDATE_ALLOWANCE_MS) / DAY_MS));
}

export type ExpiryBucket = "expired" | "7" | "30" | "90" | "later";

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
export type CertificateRole = "leaf" | "intermediate" | "root" | "trust anchor";

export function certificateRole(
  kind: "keystore" | "truststore",
  position: number,
  selfSigned: boolean,
): CertificateRole {
  if (kind === "truststore") return "trust anchor";
  if (position === 0) return "leaf";
  return selfSigned ? "root" : "intermediate";
}

/** The overview's tiles, most urgent first. */
export const EXPIRY_BUCKETS: readonly ExpiryBucket[] = ["expired", "7", "30", "90", "later"];

/** A not-after range as the database filters it (Prisma's DateTime filter shape), but still a pure value. */
interface DateRange {
  gt?: Date;
  gte?: Date;
  lt?: Date;
  lte?: Date;
}

/**
 * The not-after range of one bucket: exactly the dates `expiryBucket` puts in it, so a database filter and the rule
 * agree. "At most d days left" means `daysLeft <= d`, i.e. a not-after before now + (d + 1) days.
 */
export function bucketRange(bucket: ExpiryBucket, now: Date): DateRange {
  const at = (days: number) => new Date(now.getTime() + days * DAY_MS);
  switch (bucket) {
    case "expired":
      return { lte: now };
    case "7":
      return { gt: now, lt: at(8) };
    case "30":
      return { gte: at(8), lt: at(31) };
    case "90":
      return { gte: at(31), lt: at(91) };
    case "later":
      return { gte: at(91) };
  }
}

/** Whether a date lies in a range: the same test the database applies to a `bucketRange`. */
export function inDateRange(d: Date, r: DateRange): boolean {
  return (
    (r.gt === undefined || d > r.gt) &&
    (r.gte === undefined || d >= r.gte) &&
    (r.lt === undefined || d < r.lt) &&
    (r.lte === undefined || d <= r.lte)
  );
}

/** `within_days=N`: everything with at most N days left, expired included (the end is exclusive). */
export const withinDaysEnd = (days: number, now: Date) => new Date(now.getTime() + (days + 1) * DAY_MS);

/** The CN of a one-line distinguished name ("O=Let's Encrypt, CN=R11" → "R11"), or the whole name without one. */
export function commonName(dn: string): string {
  const match = /(?:^|, )CN=(.*?)(?=, [A-Za-z][\w.]*=|$)/.exec(dn);
  return match?.[1] || dn;
}

/** One certificate a profile depends on through its keystore (chain) or truststore (anchors). */
export interface DependedCertificate {
  kind: "keystore" | "truststore";
  storeName: string;
  position: number;
  selfSigned: boolean;
  subject: string;
  notAfter: Date;
}

interface ProfileBreak {
  breaksAt: Date;
  cause: string;
}

/**
 * When a profile stops working, and why: the earliest not-after across its keystore's chain and its truststore's
 * anchors. Whichever certificate that is, handshakes that need it fail from then on; the cause names the role,
 * so a missed intermediate or trust anchor is as visible as the leaf. Ties go to the keystore, then the chain order.
 * Null when the profile depends on no certificate.
 */
export function earliestBreak(certificates: readonly DependedCertificate[], now: Date): ProfileBreak | null {
  const first = [...certificates].sort(
    (a, b) =>
      a.notAfter.getTime() - b.notAfter.getTime() ||
      (a.kind === b.kind ? 0 : a.kind === "keystore" ? -1 : 1) ||
      a.position - b.position,
  )[0];
  if (!first) return null;
  const role = certificateRole(first.kind, first.position, first.selfSigned);
  const day = first.notAfter.toISOString().slice(0, 10);
  const what = `${role} '${commonName(first.subject)}' of ${first.kind} ${first.storeName}`;
  const cause =
    first.notAfter.getTime() <= now.getTime()
      ? `broken since ${day}: ${what} expired`
      : `breaks ${day}: ${what} expires`;
  return { breaksAt: first.notAfter, cause };
}

/**
 * Bounds of the timeline's bars: now, then the first instant (UTC) of each following calendar month, `count` bars in
 * all. The first bar holds what is left of this month; what has already expired is in no bar.
 */
export function timelineBounds(now: Date, count: number): Date[] {
  const months = Array.from(
    { length: count },
    (_, i) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + i + 1, 1)),
  );
  return [now, ...months];
}
