"use client";

import { useState } from "react";
import { InlineNotification, Modal, PasswordInput, Stack, TextInput } from "@/components/carbon";
import { createWebhookAction } from "@/app/actions/notifications";
import { useToast } from "@/components/ui/toasts";
import { describedByError } from "@/components/notifications/format";
import { failureText, useActionMutation } from "@/components/ui/use-action-mutation";
import { queryKeys } from "@/lib/query-keys";

/** URL and secret of a new webhook. The secret is sent once and never shown again, not even here after saving. */
export function CreateWebhookModal({ org, onClose }: { org: string; onClose: () => void }) {
  const toast = useToast();
  const creating = useActionMutation(createWebhookAction, { invalidate: [queryKeys.webhooks(org)] });
  const [url, setUrl] = useState("");
  const [secret, setSecret] = useState("");

  const submit = async () => {
    const r = await creating.run(org, { url, secret });
    if (!r.ok) return;
    setSecret("");
    toast({ kind: "success", title: "Webhook added", subtitle: r.data.url });
    onClose();
  };

  return (
    <Modal
      open
      modalHeading="Add a webhook"
      primaryButtonText={creating.busy ? "Adding…" : "Add webhook"}
      primaryButtonDisabled={creating.busy}
      secondaryButtonText="Cancel"
      onRequestClose={onClose}
      onRequestSubmit={() => void submit()}
      selectorPrimaryFocus="#webhook-url"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap={5}>
          {creating.failure && !creating.failure.fieldErrors.length && (
            <InlineNotification
              kind="error"
              title="Not added"
              subtitle={failureText(creating.failure)}
              role="alert"
              hideCloseButton
            />
          )}
          <p>
            Each notice is POSTed as JSON with the header <code>X-TLS-Console-Signature: sha256=…</code>, the
            HMAC-SHA256 of the body under the secret. Failed deliveries are retried for 24 hours.
          </p>
          <TextInput
            id="webhook-url"
            labelText="URL"
            placeholder="https://hooks.example.com/tls-expiry"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            {...creating.fieldProps("url")}
            {...describedByError("webhook-url", !!creating.fieldError("url"))}
          />
          <PasswordInput
            id="webhook-secret"
            labelText="Secret"
            helperText="At least 16 characters. Stored encrypted and never shown again: keep a copy for the receiver."
            autoComplete="new-password"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            {...creating.fieldProps("secret")}
            {...describedByError("webhook-secret", !!creating.fieldError("secret"))}
          />
        </Stack>
        {/* With two fields and no submit button of its own, Enter in a field would do nothing (HTML's implicit
            submission): this unseen button lets the keyboard submit as the modal's primary button does. */}
        <button type="submit" hidden disabled={creating.busy} />
      </form>
    </Modal>
  );
}
