"use client";

import { useState, useTransition } from "react";
import { Button, InlineNotification, Modal, Stack } from "@/components/carbon";
import { revokeApiKeyAction } from "@/app/actions/api-keys";
import { CreateApiKeyForm } from "@/components/account/create-api-key-form";
import { NewApiKeyModal } from "@/components/account/new-api-key-modal";
import { When } from "@/components/tls/cells";
import type { ApiKeyDto } from "@/lib/server/access/api-keys";

export function ApiKeysManager({ keys, orgs }: { keys: ApiKeyDto[]; orgs: { name: string; title: string }[] }) {
  const [pending, startTransition] = useTransition();
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  return (
    <Stack gap={7}>
      <CreateApiKeyForm orgs={orgs} onCreated={setCreated} />
      {created && <NewApiKeyModal name={created.name} apiKey={created.key} onDone={() => setCreated(null)} />}
      {error && <InlineNotification kind="error" title="Not revoked" subtitle={error} role="alert" />}
      <table className="cds--data-table" aria-label="API keys">
        <thead>
          <tr>
            <th>Name</th>
            <th>Key starts with</th>
            <th>Organization</th>
            <th>Created</th>
            <th>Expires</th>
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
              <td colSpan={8}>No API keys yet.</td>
            </tr>
          )}
          {keys.map((k) => (
            <tr key={k.id}>
              <td>{k.name}</td>
              <td>
                <code>{k.prefix}…</code>
              </td>
              <td>{k.org ? k.org.title : "All"}</td>
              <td>
                <When iso={k.created_at} />
              </td>
              <td>{k.expires_at ? <When iso={k.expires_at} /> : "never"}</td>
              <td>{k.last_used_at ? <When iso={k.last_used_at} /> : "never"}</td>
              <td>{k.status}</td>
              <td>
                {k.status !== "revoked" && (
                  <Button kind="danger--ghost" size="sm" onClick={() => setRevoking(k)}>
                    Revoke<span className="cds--visually-hidden"> {k.name}</span>
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
          primaryButtonText={pending ? "Revoking…" : "Revoke"}
          primaryButtonDisabled={pending}
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
