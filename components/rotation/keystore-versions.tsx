"use client";

import { restoreKeystoreVersionAction } from "@/app/actions/keystore-rotation";
import { queryKeys } from "@/lib/query-keys";
import type { KeystoreVersionDto } from "@/lib/tls/rotation-dto";
import { RotationDiffView } from "./rotation-diff-view";
import { StoreVersions } from "./store-versions";

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
  return (
    <StoreVersions
      store={keystore}
      versions={versions}
      canRestore={canRestore}
      description="Every activation, replacement and roll back keeps the material it replaces (the last 5), encrypted like the current key."
      holds={(v) =>
        `${v.subject} · ${v.key_type} · expires ${v.not_after.slice(0, 10)} · SHA-256 ${v.sha256_fingerprint.slice(0, 23)}…`
      }
      restore={(n, confirm) => restoreKeystoreVersionAction(org, keystore, n, confirm)}
      invalidate={queryKeys.keystores(org)}
      explain={(v) => (
        <>
          <p>
            Version {v.number} becomes the current material at once; the material in use now is kept as a new version.
          </p>
          <RotationDiffView diff={v.diff} nextLabel={`Version ${v.number}`} />
        </>
      )}
    />
  );
}
