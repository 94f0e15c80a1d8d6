"use client";

import { useEffect, useRef } from "react";
import { InlineLoading, InlineNotification } from "@/components/carbon";
import type { ActionFailure } from "@/components/ui/use-action-mutation";
import { failureText } from "@/components/ui/use-action-mutation";
import type { ConnectionTestResult } from "@/lib/tls/connection-test";
import { ResultNotification, TestResult } from "./test-result";

interface Props {
  idPrefix: string;
  /** While a run is on: what it is doing, in words. */
  busy: string | null;
  /** A refusal not tied to a field (429, a profile without a certificate, an unexpected error). */
  failure: ActionFailure | null;
  result: { value: ConnectionTestResult; at: string } | null;
}

/**
 * The progress and the outcome of the last run. The short part (progress, the sentence and the fix) sits in a polite
 * live region, so screen readers announce it; focus then moves to the result's heading, where the details follow.
 */
export function RunOutcome({ idPrefix, busy, failure, result }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (result) heading.current?.focus();
  }, [result]);
  const refused = failure && failure.fieldErrors.length === 0;
  return (
    <>
      <div aria-live="polite" aria-atomic="true">
        {busy ? (
          <InlineLoading description={busy} />
        ) : refused ? (
          <InlineNotification
            kind="error"
            title="Not run"
            subtitle={failureText(failure)}
            hideCloseButton
            lowContrast
          />
        ) : result ? (
          <ResultNotification result={result.value} />
        ) : null}
      </div>
      {result && !busy && (
        <div>
          <h3 id={`${idPrefix}-result`} ref={heading} tabIndex={-1}>
            Result
          </h3>
          <TestResult result={result.value} idPrefix={idPrefix} now={result.at} />
        </div>
      )}
    </>
  );
}
