"use client";

import { InlineNotification, Modal } from "@/components/carbon";
import { useState, type ReactNode } from "react";
import { failureText, useActionMutation } from "@/components/ui/use-action-mutation";
import type { ActionResult } from "@/lib/errors";
import { ConfirmWarnings } from "./confirm-warnings";

interface Props {
  heading: string;
  /** The diff of restoring, as shown. */
  children: ReactNode;
  codes: string[];
  restore: (confirm: string[]) => Promise<ActionResult<unknown>>;
  invalidate: readonly unknown[];
  onClose: (restored: boolean) => void;
}

/** Roll back, confirmed: what restoring changes, its warnings to confirm by code, then the swap. */
export function VersionRestoreModal({ heading, children, codes, restore, invalidate, onClose }: Props) {
  const [understood, setUnderstood] = useState(false);
  const restoring = useActionMutation(restore, { invalidate: [invalidate] });
  return (
    <Modal
      open
      size="lg"
      modalHeading={heading}
      primaryButtonText={restoring.busy ? "Rolling back…" : "Roll back"}
      primaryButtonDisabled={restoring.busy || (codes.length > 0 && !understood)}
      secondaryButtonText="Cancel"
      // Carbon focuses the primary button, disabled until the warnings are confirmed: start at the confirmation.
      selectorPrimaryFocus={codes.length > 0 ? "#confirm-restore" : ".cds--modal-footer .cds--btn--secondary"}
      onRequestClose={() => onClose(false)}
      onRequestSubmit={async () => {
        const result = await restoring.run(understood ? codes : []);
        if (result.ok) onClose(true);
      }}
    >
      {children}
      <ConfirmWarnings
        id="confirm-restore"
        codes={codes}
        checked={understood}
        onChange={setUnderstood}
        error={restoring.fieldError("confirm")}
      />
      {restoring.failure && !restoring.fieldError("confirm") && (
        <InlineNotification
          kind="error"
          title="Nothing was restored"
          subtitle={failureText(restoring.failure)}
          hideCloseButton
          role="alert"
        />
      )}
    </Modal>
  );
}
