import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/carbon";
import { ROTATION_WARNING_TITLES, type RotationDiff } from "@/lib/tls/rotation-diff";
import { WarningNotes } from "./warning-notes";
import styles from "./rotation.module.scss";

const usages = (u: string[] | null) => (u === null ? "Any purpose (no extension)" : u.join(", ") || "None");
const day = (iso: string) => iso.slice(0, 10);

/**
 * What a swap changes, current beside next, each changed fact marked in words (not colour alone), then its
 * warnings: each with its code, as the confirmation names them.
 */
export function RotationDiffView({ diff, nextLabel = "Pending" }: { diff: RotationDiff; nextLabel?: string }) {
  const rows: [string, string, string, boolean][] = [
    ["Subject", diff.subject.from, diff.subject.to, diff.subject.changed],
    [
      "Subject alternative names",
      [...diff.subject_alt_names.kept, ...diff.subject_alt_names.removed.map((n) => `${n} (removed)`)].join(", ") ||
        "None",
      [...diff.subject_alt_names.kept, ...diff.subject_alt_names.added.map((n) => `${n} (added)`)].join(", ") || "None",
      diff.subject_alt_names.added.length + diff.subject_alt_names.removed.length > 0,
    ],
    [
      "Extended key usage",
      usages(diff.extended_key_usage.from),
      usages(diff.extended_key_usage.to),
      diff.extended_key_usage.changed,
    ],
    ["Key", diff.key.from, diff.key.to, diff.key.changed],
    ["Issuer", diff.issuer.from, diff.issuer.to, diff.issuer.changed],
    ["Chain", diff.chain.from.join(" → "), diff.chain.to.join(" → "), diff.chain.changed],
    ["Root", diff.root.from, diff.root.to, diff.root.changed],
    [
      "Validity",
      `${day(diff.validity.from.not_before)} to ${day(diff.validity.from.not_after)}`,
      `${day(diff.validity.to.not_before)} to ${day(diff.validity.to.not_after)}`,
      diff.validity.changed,
    ],
  ];
  return (
    <>
      <Table size="sm" aria-label={`Current and ${nextLabel.toLowerCase()} material compared`} className={styles.diff}>
        <TableHead>
          <TableRow>
            <TableHeader scope="col">Fact</TableHeader>
            <TableHeader scope="col">Current</TableHeader>
            <TableHeader scope="col">{nextLabel}</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(([label, from, to, changed]) => (
            <TableRow key={label}>
              <TableHeader scope="row">
                {label}
                {changed ? " (changes)" : ""}
              </TableHeader>
              <TableCell>{from}</TableCell>
              <TableCell className={changed ? styles.changed : undefined}>{to}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <WarningNotes warnings={diff.warnings} titles={ROTATION_WARNING_TITLES} />
    </>
  );
}
