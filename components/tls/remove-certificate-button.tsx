"use client";

import { Button, InlineNotification, Modal } from "@/components/carbon";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { removeTruststoreCertificateAction } from "@/app/actions/truststores";
import { useToast } from "@/components/ui/toasts";
import { useActionMutation } from "@/components/ui/use-action-mutation";

interface Props {
  org: string;
  target: { name: string; rowVersion: number };
  certificate: { subject: string; sha256_fingerprint: string };
}

export function RemoveCertificateButton({ org, target, certificate }: Props) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const removal = useActionMutation(removeTruststoreCertificateAction);
  return (
    <>
      <Button kind="danger--ghost" size="sm" onClick={() => setOpen(true)}>
        Remove<span className="cds--visually-hidden"> {certificate.subject}</span>
      </Button>
      {open && (
        <Modal
          open
          danger
          modalHeading={`Remove ${certificate.subject}?`}
          primaryButtonText={removal.busy ? "Removing…" : "Remove"}
          primaryButtonDisabled={removal.busy}
          secondaryButtonText="Cancel"
          onRequestClose={() => setOpen(false)}
          onRequestSubmit={async () => {
            const result = await removal.run(org, target, certificate.sha256_fingerprint);
            if (!result.ok) return;
            setOpen(false);
            toast({ kind: "success", title: "Certificate removed" });
            router.refresh();
          }}
        >
          <p>
            Peers whose certificates chain only to this CA will no longer be trusted by profiles using this truststore.
          </p>
          {removal.failure && (
            <InlineNotification
              kind="error"
              title="Not removed"
              subtitle={removal.failure.message}
              hideCloseButton
              role="alert"
            />
          )}
        </Modal>
      )}
    </>
  );
}
