"use client";

import { Button, InlineNotification, Modal } from "@/components/carbon";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { removeTruststoreCertificateAction } from "@/app/actions/truststores";
import { useToast } from "@/components/ui/toasts";

interface Props {
  org: string;
  target: { name: string; rowVersion: number };
  certificate: { subject: string; sha256_fingerprint: string };
}

export function RemoveCertificateButton({ org, target, certificate }: Props) {
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
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
          primaryButtonText={busy ? "Removing…" : "Remove"}
          primaryButtonDisabled={busy}
          secondaryButtonText="Cancel"
          onRequestClose={() => setOpen(false)}
          onRequestSubmit={async () => {
            setBusy(true);
            const result = await removeTruststoreCertificateAction(org, target, certificate.sha256_fingerprint);
            setBusy(false);
            if (!result.ok) return setError(result.message);
            setOpen(false);
            toast({ kind: "success", title: "Certificate removed" });
            router.refresh();
          }}
        >
          <p>
            Peers whose certificates chain only to this CA will no longer be trusted by profiles using this truststore.
          </p>
          {error && (
            <InlineNotification kind="error" title="Not removed" subtitle={error} hideCloseButton role="alert" />
          )}
        </Modal>
      )}
    </>
  );
}
