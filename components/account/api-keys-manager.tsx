"use client";

import { Button, CodeSnippet, InlineNotification, Modal, Stack, TextInput } from "@/components/carbon";
import { useState, useTransition } from "react";
import { createApiKeyAction, revokeApiKeyAction } from "@/app/actions/api-keys";
import type { ApiKeyDto } from "@/lib/server/access/api-keys";

export function ApiKeysManager({ keys }: { keys: ApiKeyDto[] }) {
  const [pending, startTransition] = useTransition();
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string | undefined>();
  const [created, setCreated] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  const create = () =>
    startTransition(async () => {
      const r = await createApiKeyAction(name);
      if (!r.ok) return setNameError(r.fieldErrors[0]?.message ?? r.message);
      setNameError(undefined);
      setName("");
      setCreated(r.data.key);
    });

  return (
    <Stack gap={7}>
      {created && (
        <InlineNotification
          kind="success"
          title="Copy your new key now"
          subtitle="It will not be shown again."
          hideCloseButton
        >
          <CodeSnippet type="single" feedback="Copied">
            {created}
          </CodeSnippet>
          <Button kind="ghost" size="sm" onClick={() => setCreated(null)}>
            I have copied it
          </Button>
        </InlineNotification>
      )}
      {error && <InlineNotification kind="error" title="Not revoked" subtitle={error} role="alert" />}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create();
        }}
        className="inline-form"
      >
        <Stack gap={5} orientation="horizontal">
          <TextInput
            id="key-name"
            labelText="Key name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            invalid={!!nameError}
            invalidText={nameError}
          />
          <Button type="submit" disabled={pending}>
            Create key
          </Button>
        </Stack>
      </form>
      <table className="cds--data-table" aria-label="API keys">
        <thead>
          <tr>
            <th>Name</th>
            <th>Key starts with</th>
            <th>Created</th>
            <th>Last used</th>
            <th>Status</th>
            <th>
              <span className="cds--visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.length === 0 && (
            <tr>
              <td colSpan={6}>No API keys yet.</td>
            </tr>
          )}
          {keys.map((k) => (
            <tr key={k.id}>
              <td>{k.name}</td>
              <td>
                <code>{k.prefix}…</code>
              </td>
              <td>{new Date(k.created_at).toLocaleString()}</td>
              <td>{k.last_used_at ? new Date(k.last_used_at).toLocaleString() : "never"}</td>
              <td>{k.revoked_at ? "revoked" : "active"}</td>
              <td>
                {!k.revoked_at && (
                  <Button kind="danger--ghost" size="sm" onClick={() => setRevoking(k)}>
                    Revoke
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {revoking && (
        <Modal
          open
          danger
          modalHeading={`Revoke ${revoking.name}?`}
          primaryButtonText="Revoke"
          secondaryButtonText="Cancel"
          onRequestClose={() => setRevoking(null)}
          onRequestSubmit={() =>
            startTransition(async () => {
              const r = await revokeApiKeyAction(revoking.id);
              setError(r.ok ? null : r.message);
              setRevoking(null);
            })
          }
        >
          <p>Scripts using this key will get 401 from now on. This cannot be undone.</p>
        </Modal>
      )}
    </Stack>
  );
}
