"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import { Button, InlineLoading, InlineNotification } from "@/components/carbon";
import type { ActionFailure } from "@/components/ui/use-action-mutation";
import { failureText } from "@/components/ui/use-action-mutation";
import type { ConnectionTestResult } from "@/lib/tls/connection-test";
import type { FixTarget } from "./fix-target";
import { ResultNotification, TestResult } from "./test-result";
import styles from "./probes.module.scss";

interface Props {
  idPrefix: string;
  /** While a run is on: what it is doing, in words. */
  busy: string | null;
  /** A refusal not tied to a field (429, a profile without a certificate, an unexpected error). */
  failure: ActionFailure | null;
  result: { value: ConnectionTestResult; at: string } | null;
  /** "Check with a client profile": the client profile that connected, named in the outcome. */
  check?: string;
  /** Where the fix of a failed run is made, when that is one place on this page or the client profile's. */
  fix?: FixTarget | null;
}

/** Takes the user to the control the fix names: focused and scrolled into view (the profile's form is long). */
function FixButton({ fix }: { fix: FixTarget }) {
  if ("href" in fix)
    return (
      <Link className="cds--link" href={fix.href}>
        {fix.label}
      </Link>
    );
  return (
    <Button
      kind="tertiary"
      size="sm"
      onClick={() => {
        const target = document.getElementById(fix.field);
        target?.scrollIntoView({ block: "center" });
        target?.focus();
      }}
    >
      Go to {fix.label}
    </Button>
  );
}

/**
 * The progress and the outcome of the last run. The short part (progress, the sentence and the fix) sits in a polite
 * live region, so screen readers announce it; focus then moves to the result's heading, where the details follow.
 */
export function RunOutcome({ idPrefix, busy, failure, result, check, fix }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (result) heading.current?.focus();
  }, [result]);
  const refused = failure && failure.fieldErrors.length === 0;
  return (
    <>
      <div aria-live="polite" aria-atomic="true" className={styles.outcome}>
        {busy ? (
          <InlineLoading description={busy} />
        ) : refused ? (
          <InlineNotification
            className={styles.notification}
            kind="error"
            title="Not run"
            subtitle={failureText(failure)}
            hideCloseButton
            lowContrast
          />
        ) : result ? (
          <ResultNotification result={result.value} check={check} />
        ) : null}
      </div>
      {result && !busy && fix && (
        <div className={styles.fix}>
          <FixButton fix={fix} />
        </div>
      )}
      {result && !busy && (
        <div>
          <h3 id={`${idPrefix}-result`} ref={heading} tabIndex={-1} className={styles.resultHeading}>
            Result
          </h3>
          <TestResult result={result.value} idPrefix={idPrefix} now={result.at} check={!!check} />
        </div>
      )}
    </>
  );
}
