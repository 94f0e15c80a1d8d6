"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { restoreKeystoreVersionAction } from "@/app/actions/keystore-rotation";
import { useToast } from "@/components/ui/toasts";
import { useFocusWhenLost } from "@/components/ui/use-focus-when-lost";
import { queryKeys } from "@/lib/query-keys";
import type { KeystoreVersionDto } from "@/lib/tls/rotation-dto";
import { RotationDiffView } from "./rotation-diff-view";
import { VersionRestoreModal } from "./version-restore-modal";
import { VersionsTable } from "./versions-table";
import styles from "./rotation.module.scss";

/** A keystore's kept materials (last 5) and "Roll back", with the diff and confirmation first (ADR 026). */
export function KeystoreVersions({
  org,
  keystore,
  versions,
  canRestore,
}: {
  org: string;
  keystore: string;
  versions: KeystoreVersionDto[];
  canRestore: boolean;
}) {
  const router = useRouter();
  const toast = useToast();
  // After a roll back the pressed "Roll back" row reads "in use": focus goes to the versions, not the page's start.
  useFocusWhenLost("versions", versions.map((v) => `${v.number}:${v.current}`).join());
  const [chosen, setChosen] = useState<KeystoreVersionDto | null>(null);
  return (
    <section id="versions" tabIndex={-1} aria-label="Versions" className={styles.area}>
      <VersionsTable
        title="Versions"
        description="Every activation, replacement and roll back keeps the material it replaces (the last 5), encrypted like the current key."
        rows={versions.map((v) => ({
          ...v,
          holds: `${v.subject} · ${v.key_type} · expires ${v.not_after.slice(0, 10)} · SHA-256 ${v.sha256_fingerprint.slice(0, 23)}…`,
        }))}
        canRestore={canRestore}
        onRestore={(n) => setChosen(versions.find((v) => v.number === n) ?? null)}
      />
      {chosen && (
        <VersionRestoreModal
          heading={`Roll back to version ${chosen.number}?`}
          codes={chosen.diff.warnings.map((w) => w.code)}
          restore={(confirm) => restoreKeystoreVersionAction(org, keystore, chosen.number, confirm)}
          invalidate={queryKeys.keystores(org)}
          onClose={(restored) => {
            setChosen(null);
            if (!restored) return;
            toast({ kind: "success", title: `Rolled back to version ${chosen.number}`, subtitle: keystore });
            router.refresh();
          }}
        >
          <p>
            Version {chosen.number} becomes the current material at once; the material in use now is kept as a new
            version.
          </p>
          <RotationDiffView diff={chosen.diff} nextLabel={`Version ${chosen.number}`} />
        </VersionRestoreModal>
      )}
    </section>
  );
}
