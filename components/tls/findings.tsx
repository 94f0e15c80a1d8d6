"use client";

import { InlineNotification, Tag } from "@/components/carbon";
import { countBySeverity, type Finding, type Severity, SEVERITIES } from "@/lib/tls/lint/finding";

const TAG: Record<Severity, "red" | "magenta" | "blue"> = { critical: "red", warning: "magenta", info: "blue" };
const KIND: Record<Severity, "error" | "warning" | "info"> = { critical: "error", warning: "warning", info: "info" };

const plural = (n: number) => `${n} finding${n === 1 ? "" : "s"}`;
/** "1 critical", "2 warnings", "3 info": info is a mass noun. */
const countOf = (n: number, s: Severity) => `${n} ${s}${n === 1 || s !== "warning" ? "" : "s"}`;

/** Counts per severity, for a table row: "2 critical", "1 warning"; a quiet tag when there is nothing. */
export function FindingsBadge({ findings }: { findings: Finding[] }) {
  const counts = countBySeverity(findings);
  if (findings.length === 0)
    return (
      <Tag size="sm" type="green">
        No findings
      </Tag>
    );
  return (
    <span className="findings-badge">
      {SEVERITIES.filter((s) => counts[s] > 0).map((s) => (
        <Tag key={s} size="sm" type={TAG[s]}>
          {countOf(counts[s], s)}
        </Tag>
      ))}
    </span>
  );
}

/**
 * Every finding with its severity and fix, in one Carbon notification whose kind follows the most severe. Used live in
 * the profile forms and in full on details pages.
 */
export function FindingsList({ findings, subject }: { findings: Finding[]; subject: string }) {
  if (findings.length === 0)
    return (
      <InlineNotification
        kind="success"
        lowContrast
        hideCloseButton
        title="No findings"
        subtitle={`The console's checks found nothing to improve in this ${subject}.`}
      />
    );
  return (
    <InlineNotification kind={KIND[findings[0].severity]} lowContrast hideCloseButton title={plural(findings.length)}>
      <ul className="findings-list" data-testid="findings">
        {findings.map((f) => (
          <li key={f.code} data-code={f.code}>
            <Tag size="sm" type={TAG[f.severity]}>
              {f.severity}
            </Tag>{" "}
            {f.message} <span className="findings-list__fix">Fix: {f.fix}</span>{" "}
            {/* The stable code REST objects carry, so automation and this page can be matched. */}
            <code className="findings-list__code">{f.code}</code>
          </li>
        ))}
      </ul>
    </InlineNotification>
  );
}

/** A details page's findings: the stored object's, in full. */
export function FindingsSection({ findings, subject }: { findings: Finding[]; subject: string }) {
  return (
    <section aria-labelledby="findings-title" className="findings">
      <h2 id="findings-title">Findings</h2>
      <FindingsList findings={findings} subject={subject} />
    </section>
  );
}
