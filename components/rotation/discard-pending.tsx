"use client";

import { Button, InlineNotification, Modal } from "@/components/carbon";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { discardRotationAction } from "@/app/actions/keystore-rotation";
import { useToast } from "@/components/ui/toasts";
import { useReturnFocus } from "@/components/ui/use-return-focus";
import { failureText, useActionMutation } from "@/components/ui/use-action-mutation";
import { queryKeys } from "@/lib/query-keys";
import type { PendingMaterialDto } from "@/lib/tls/rotation-dto";

interface Props {
  org: string;
  keystore: string;
  pending: PendingMaterialDto;
}

/**
 * "Discard pending material", confirmed in a modal: offered both while a generated key awaits its certificate and
 * once the pending material is ready, since either may be abandoned without touching what profiles use.
 */
export function DiscardPending({ org, keystore, pending }: Props) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  // "Keep it" and Escape unmount the modal: focus goes back to the button that opened it, not the page's start.
  const refocus = useReturnFocus(!open);
  const discard = useActionMutation(discardRotationAction, { invalidate: [queryKeys.keystores(org)] });
  const what =
    pending.state === "awaiting_certificate"
      ? `The key generated for the next rotation (${pending.subject}) and its certificate request are deleted`
      : `The prepared key and certificate (${pending.subject}) are deleted`;
  return (
    <>
      <Button ref={opener} kind="danger--tertiary" onClick={() => setOpen(true)}>
        Discard pending material
      </Button>
      {open && (
        <Modal
          open
          danger
          modalHeading="Discard the pending material?"
          primaryButtonText={discard.busy ? "Discarding…" : "Discard"}
          primaryButtonDisabled={discard.busy}
          secondaryButtonText="Keep it"
          onRequestClose={() => {
            setOpen(false);
            refocus(() => opener.current);
          }}
          onRequestSubmit={async () => {
            const result = await discard.run(org, keystore);
            if (!result.ok) return;
            setOpen(false);
            toast({ kind: "success", title: "Pending material discarded", subtitle: keystore });
            router.refresh();
          }}
        >
          <p>
            {what}; the material in use does not change.
            {pending.source === "generate" ? " The key generated for it cannot be recovered." : ""}
          </p>
          {discard.failure && (
            <InlineNotification
              kind="error"
              title="Not discarded"
              subtitle={failureText(discard.failure)}
              hideCloseButton
              role="alert"
            />
          )}
        </Modal>
      )}
    </>
  );
}
