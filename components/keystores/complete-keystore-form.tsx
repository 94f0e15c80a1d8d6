"use client";

import {
  Button,
  Checkbox,
  FileUploaderDropContainer,
  FileUploaderItem,
  InlineLoading,
  Stack,
  TextArea,
} from "@/components/carbon";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { completeRotationAction } from "@/app/actions/keystore-rotation";
import { completeKeystoreAction } from "@/app/actions/keystores";
import type { ActionResult } from "@/lib/errors";
import { useToast } from "@/components/ui/toasts";
import { useReturnFocus } from "@/components/ui/use-return-focus";
import { failureText, useActionMutation } from "@/components/ui/use-action-mutation";
import { MAX_UPLOAD_BYTES } from "@/lib/crypto/limits";
import { queryKeys } from "@/lib/query-keys";

interface Props {
  org: string;
  target: { name: string; rowVersion: number };
  /** The certificate of a key generated for a staged rotation (ADR 026): it completes the pending material. */
  pending?: boolean;
}

const ACCEPT = [".pem", ".crt", ".cer", ".der", ".p7b", ".p7c"];

/**
 * The signed certificate for a keystore awaiting it, as a file (PEM, DER or PKCS#7) or pasted PEM. It must match
 * the keystore's key and pass every upload check; a refusal is shown at the field and nothing is stored.
 */
export function CompleteKeystoreForm({ org, target, pending = false }: Props) {
  const router = useRouter();
  const toast = useToast();
  const [file, setFile] = useState<File | null>(null);
  const [pasted, setPasted] = useState("");
  const [allowExpired, setAllowExpired] = useState(false);
  const [tooBig, setTooBig] = useState<string | null>(null);
  const completing = useActionMutation(
    (form: FormData): Promise<ActionResult<unknown>> =>
      pending ? completeRotationAction(org, target.name, form) : completeKeystoreAction(org, target, form),
    { invalidate: [queryKeys.keystores(org)] },
  );
  const error =
    tooBig ?? completing.fieldError("certificate") ?? (completing.failure && failureText(completing.failure));
  const expired = !!completing.fieldError("allow_expired") || allowExpired;
  // A refusal arrives while the fieldset is disabled (focus falls to the page's start): it goes back to the control
  // that held the certificate, which now names the reason.
  const refocus = useReturnFocus(!completing.busy);
  const dropZone = useRef<HTMLButtonElement>(null);
  // The reason is shown at the control that held the certificate: the drop zone for a file, else the text area.
  const atDropZone = !!file || !!tooBig;
  const describedBy = error && atDropZone ? "certificate-help certificate-error" : "certificate-help";

  const submit = async () => {
    const form = new FormData();
    if (file) form.set("files", file);
    else form.set("certificate", pasted);
    form.set("allow_expired", String(allowExpired));
    const result = await completing.run(form);
    if (!result.ok) {
      refocus(() => (file ? dropZone.current : document.getElementById("certificate")));
      return;
    }
    toast({
      kind: "success",
      title: pending
        ? "Certificate uploaded: the pending material is ready"
        : "Certificate uploaded: the keystore is active",
      subtitle: target.name,
    });
    router.refresh();
  };

  return (
    <form
      noValidate
      aria-labelledby="complete-title"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id="complete-title">Upload the signed certificate</h2>
      <fieldset disabled={completing.busy} className="profile-form__fields">
        <Stack gap={6}>
          <div className="uploader">
            <p className="cds--label-description" id="certificate-help">
              The certificate your CA issued from this request, with its intermediates: PEM, DER or PKCS#7 (.p7b). Or
              paste the PEM below.
            </p>
            <FileUploaderDropContainer
              id="certificate-file"
              labelText="Drag and drop the certificate here or click to choose"
              accept={ACCEPT}
              innerRef={dropZone}
              aria-describedby={describedBy}
              onAddFiles={(_e, { addedFiles }) => {
                const [added] = addedFiles as File[];
                if (!added) return;
                setTooBig(added.size > MAX_UPLOAD_BYTES ? `${added.name} is larger than the 1 MB limit` : null);
                if (added.size <= MAX_UPLOAD_BYTES) setFile(added);
              }}
            />
            {file && (
              <FileUploaderItem
                name={file.name}
                status="edit"
                iconDescription={`Remove ${file.name}`}
                onDelete={() => setFile(null)}
              />
            )}
          </div>
          <TextArea
            id="certificate"
            labelText="Or paste the certificate (PEM)"
            rows={6}
            disabled={!!file}
            invalid={!atDropZone && !!error}
            invalidText={error}
            value={pasted}
            onChange={(e) => setPasted(e.target.value)}
          />
          {error && atDropZone && (
            <div id="certificate-error" className="cds--form-requirement field-error" role="alert">
              {error}
            </div>
          )}
          {expired && (
            <Checkbox
              id="allow_expired"
              labelText="Upload anyway: I know the certificate has expired (recorded in the audit log)"
              checked={allowExpired}
              onChange={(_, { checked }) => setAllowExpired(checked)}
            />
          )}
          {completing.busy && <InlineLoading description="Checking the certificate against the key…" />}
          <div>
            <Button type="submit" disabled={completing.busy || (!file && !pasted.trim())}>
              Upload certificate
            </Button>
          </div>
        </Stack>
      </fieldset>
    </form>
  );
}
