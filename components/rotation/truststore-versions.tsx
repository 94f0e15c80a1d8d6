"use client";

import { restoreTruststoreVersionAction } from "@/app/actions/keystore-rotation";
import { queryKeys } from "@/lib/query-keys";
import { TRUSTSTORE_WARNING_TITLES } from "@/lib/tls/truststore-diff";
import type { TruststoreVersionDto } from "@/lib/tls/rotation-dto";
import { StoreVersions } from "./store-versions";
import { WarningNotes } from "./warning-notes";

const names = (list: { subject: string }[]) => list.map((c) => c.subject).join("; ") || "None";

/** A truststore's kept certificate sets (last 5) and "Roll back", naming what comes back and what goes. */
export function TruststoreVersions({
  org,
  truststore,
  versions,
  canRestore,
}: {
  org: string;
  truststore: string;
  versions: TruststoreVersionDto[];
  canRestore: boolean;
}) {
  return (
    <StoreVersions
      store={truststore}
      versions={versions}
      canRestore={canRestore}
      description="Every add and remove keeps the certificate set it changed (the last 5)."
      holds={(v) =>
        `${v.certificate_count} certificate${v.certificate_count === 1 ? "" : "s"}: ${v.certificates.map((c) => c.subject).join("; ")}`
      }
      restore={(n, confirm) => restoreTruststoreVersionAction(org, truststore, n, confirm)}
      invalidate={queryKeys.truststores(org)}
      explain={(v) => (
        <>
          <p>The truststore holds version {v.number}&apos;s certificates at once; the current set is kept.</p>
          <p>Comes back: {names(v.diff.added)}</p>
          <p>Goes: {names(v.diff.removed)}</p>
          <WarningNotes warnings={v.diff.warnings} titles={TRUSTSTORE_WARNING_TITLES} />
        </>
      )}
    />
  );
}
