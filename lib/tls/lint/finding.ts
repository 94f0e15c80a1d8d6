/**
 * A lint finding (ADR 025): what is wrong or risky about a profile or store, and how to fix it. `code` is stable —
 * automation, the organization policy and tests key on it — while `message` names the offending items in words.
 */
export type Severity = "info" | "warning" | "critical";

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  fix: string;
}

/** Most severe first: the order findings are listed and badges are shown. */
export const SEVERITIES: readonly Severity[] = ["critical", "warning", "info"];

type SeverityCounts = Record<Severity, number>;

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { critical: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

/** Most severe first, then by code, so equal inputs list their findings identically everywhere. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.code.localeCompare(b.code),
  );
}

/** "A, B and C": offending items named in a message. */
export function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
