"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import { CertificateRequest } from "@/components/keystores/certificate-request";
import { CompleteKeystoreForm } from "@/components/keystores/complete-keystore-form";
import { CertificateList } from "@/components/tls/certificate-list";
import type { PendingMaterialDto } from "@/lib/tls/rotation-dto";
import { DiscardPending } from "./discard-pending";
import { PendingActivation } from "./pending-activation";
import { RotationDiffView } from "./rotation-diff-view";
import styles from "./rotation.module.scss";

interface Props {
  org: string;
  keystore: { name: string; rowVersion: number };
  pending: PendingMaterialDto | null;
  /** The CSR of a generated pending key, PEM. */
  csrPem: string | null;
  canManage: boolean;
  profilesUsing: number;
  now: string;
}

/**
 * The keystore page's "Rotation" area (ADR 026): prepare the next material beside the one in use, read its diff,
 * and activate it now or at a time. Nothing a profile uses changes before the swap.
 */
export function RotationPanel({ org, keystore, pending, csrPem, canManage, profilesUsing, now }: Props) {
  const base = `/orgs/${org}/resources/tls/keystores/${keystore.name}`;
  const api = `/api/orgs/${org}/keystores/${keystore.name}`;
  // Activating, scheduling, cancelling, completing and discarding each disable the button pressed, then replace it
  // with what the new state offers, so focus falls to the page's start. It goes to the part of this area that
  // says what happened instead: the scheduled notice, what changes, or the area's heading once nothing is pending.
  const state = pending?.state ?? "none";
  const lastState = useRef(state);
  useEffect(() => {
    const from = lastState.current;
    if (from === state) return;
    lastState.current = state;
    if (document.activeElement && document.activeElement !== document.body) return;
    // A cancelled schedule leaves the same warnings to confirm again; a completed certificate, a diff to read first.
    const targets = {
      none: ["rotation-title"],
      scheduled: ["activation-scheduled"],
      ready: from === "scheduled" ? ["confirm-warnings", "changes-title"] : ["changes-title"],
      awaiting_certificate: ["rotation-title"],
    }[state];
    targets
      .map((id) => document.getElementById(id))
      .find(Boolean)
      ?.focus();
  }, [state]);
  return (
    <section aria-labelledby="rotation-title" className={styles.area}>
      <h2 id="rotation-title" tabIndex={-1}>
        Rotation
      </h2>
      {!pending && (
        <>
          <p>
            {profilesUsing === 0
              ? "No profile uses this keystore yet. Prepare the next key and certificate beside the current ones, and activate them now or at a time you choose."
              : `Prepare the next key and certificate beside the current ones: ${profilesUsing === 1 ? "the profile using this keystore keeps" : `the ${profilesUsing} profiles using this keystore keep`} the current material until you activate the new one, now or at a time you choose.`}
          </p>
          {canManage && (
            <div className={styles.actions}>
              <Link className="cds--btn cds--btn--primary cds--btn--sm" href={`${base}/prepare`}>
                Upload the next material
              </Link>
              <Link className="cds--btn cds--btn--tertiary cds--btn--sm" href={`${base}/prepare?from=generate`}>
                Generate a new key and CSR
              </Link>
            </div>
          )}
        </>
      )}
      {pending?.state === "awaiting_certificate" && (
        <>
          <p>
            A new key was generated for the next rotation by {pending.created_by}. It is activated only once its signed
            certificate is uploaded and you activate it.
          </p>
          {pending.csr && csrPem && (
            <CertificateRequest csr={pending.csr} pem={csrPem} downloadHref={`${api}/pending/csr.pem`} />
          )}
          {canManage && (
            <>
              <CompleteKeystoreForm org={org} target={keystore} pending />
              <div className={styles.actions}>
                <DiscardPending org={org} keystore={keystore.name} pending={pending} />
              </div>
            </>
          )}
        </>
      )}
      {pending && pending.state !== "awaiting_certificate" && pending.diff && (
        <>
          <p>
            Pending material prepared by {pending.created_by} on {pending.created_at.slice(0, 10)} ({pending.key_type}
            {pending.source === "generate" ? ", key generated here" : ", uploaded"}).
          </p>
          <h3>Pending chain</h3>
          <CertificateList certificates={pending.certificates} layout="chain" now={now} />
          <h3 id="changes-title" tabIndex={-1}>
            What changes
          </h3>
          <RotationDiffView diff={pending.diff} />
          {canManage && <PendingActivation org={org} keystore={keystore.name} pending={pending} />}
        </>
      )}
    </section>
  );
}
