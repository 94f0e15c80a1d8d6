"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type ReactNode } from "react";
import { useToast } from "@/components/ui/toasts";
import { useFocusWhenLost } from "@/components/ui/use-focus-when-lost";
import { useReturnFocus } from "@/components/ui/use-return-focus";
import type { ActionResult } from "@/lib/errors";
import { VersionRestoreModal } from "./version-restore-modal";
import { VersionsTable } from "./versions-table";
import styles from "./rotation.module.scss";

interface Version {
  number: number;
  current: boolean;
  retired_at: string;
  retired_by: string;
  retired_how: string;
  diff: { warnings: { code: string }[] };
}

interface Props<V extends Version> {
  /** The store's name, said in the toast. */
  store: string;
  versions: V[];
  canRestore: boolean;
  description: string;
  /** One line saying what a version holds, for its row. */
  holds: (v: V) => string;
  restore: (number: number, confirm: string[]) => Promise<ActionResult<unknown>>;
  invalidate: readonly unknown[];
  /** What restoring this version changes, shown before the confirmation. */
  explain: (v: V) => ReactNode;
}

/**
 * A store's kept versions (the last 5) and "Roll back", with what it changes and its warnings to confirm first
 * (ADR 026): the one wiring keystores and truststores share.
 */
export function StoreVersions<V extends Version>({
  store,
  versions,
  canRestore,
  description,
  holds,
  restore,
  invalidate,
  explain,
}: Props<V>) {
  const router = useRouter();
  const toast = useToast();
  // After a roll back the pressed "Roll back" row reads "in use": focus goes to the versions, not the page's start.
  useFocusWhenLost("versions", versions.map((v) => `${v.number}:${v.current}`).join());
  const [chosen, setChosen] = useState<V | null>(null);
  // Cancel and Escape unmount the modal: focus goes back to the row's "Roll back" that opened it.
  const opener = useRef<HTMLElement | null>(null);
  const refocus = useReturnFocus(chosen === null);
  return (
    <section id="versions" tabIndex={-1} aria-label="Versions" className={styles.area}>
      <VersionsTable
        title="Versions"
        description={description}
        rows={versions.map((v) => ({ ...v, holds: holds(v) }))}
        canRestore={canRestore}
        onRestore={(n) => {
          opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
          setChosen(versions.find((v) => v.number === n) ?? null);
        }}
      />
      {chosen && (
        <VersionRestoreModal
          heading={`Roll back to version ${chosen.number}?`}
          codes={chosen.diff.warnings.map((w) => w.code)}
          restore={(confirm) => restore(chosen.number, confirm)}
          invalidate={invalidate}
          onClose={(restored) => {
            setChosen(null);
            if (!restored) return refocus(() => opener.current);
            toast({ kind: "success", title: `Rolled back to version ${chosen.number}`, subtitle: store });
            router.refresh();
          }}
        >
          {explain(chosen)}
        </VersionRestoreModal>
      )}
    </section>
  );
}
