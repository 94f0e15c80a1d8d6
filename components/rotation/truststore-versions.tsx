"use client";

import { InlineNotification } from "@/components/carbon";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { restoreTruststoreVersionAction } from "@/app/actions/keystore-rotation";
import { useToast } from "@/components/ui/toasts";
import { useFocusWhenLost } from "@/components/ui/use-focus-when-lost";
import { queryKeys } from "@/lib/query-keys";
import type { TruststoreVersionDto } from "@/lib/tls/rotation-dto";
import { VersionRestoreModal } from "./version-restore-modal";
import { VersionsTable } from "./versions-table";
import styles from "./rotation.module.scss";

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
  const router = useRouter();
  const toast = useToast();
  // After a roll back the pressed "Roll back" row reads "in use": focus goes to the versions, not the page's start.
  useFocusWhenLost("versions", versions.map((v) => `${v.number}:${v.current}`).join());
  const [chosen, setChosen] = useState<TruststoreVersionDto | null>(null);
  const names = (list: { subject: string }[]) => list.map((c) => c.subject).join("; ") || "None";
  return (
    <section id="versions" tabIndex={-1} aria-label="Versions" className={styles.area}>
      <VersionsTable
        title="Versions"
        description="Every add and remove keeps the certificate set it changed (the last 5)."
        rows={versions.map((v) => ({
          ...v,
          holds: `${v.certificate_count} certificate${v.certificate_count === 1 ? "" : "s"}: ${v.certificates.map((c) => c.subject).join("; ")}`,
        }))}
        canRestore={canRestore}
        onRestore={(n) => setChosen(versions.find((v) => v.number === n) ?? null)}
      />
      {chosen && (
        <VersionRestoreModal
          heading={`Roll back to version ${chosen.number}?`}
          codes={chosen.diff.warnings.map((w) => w.code)}
          restore={(confirm) => restoreTruststoreVersionAction(org, truststore, chosen.number, confirm)}
          invalidate={queryKeys.truststores(org)}
          onClose={(restored) => {
            setChosen(null);
            if (!restored) return;
            toast({ kind: "success", title: `Rolled back to version ${chosen.number}`, subtitle: truststore });
            router.refresh();
          }}
        >
          <p>The truststore holds version {chosen.number}&apos;s certificates at once; the current set is kept.</p>
          <p>Comes back: {names(chosen.diff.added)}</p>
          <p>Goes: {names(chosen.diff.removed)}</p>
          {chosen.diff.warnings.map((w) => (
            <InlineNotification
              key={w.code}
              kind="warning"
              lowContrast
              hideCloseButton
              title={w.code}
              subtitle={w.message}
            />
          ))}
        </VersionRestoreModal>
      )}
    </section>
  );
}
