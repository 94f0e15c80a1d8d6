"use client";

import { Button, InlineNotification, Modal } from "@/components/carbon";
import { useState, useTransition } from "react";
import { revokeInvitationAction } from "@/app/actions/members";
import { useToast } from "@/components/ui/toasts";
import type { InvitationDto } from "@/lib/server/access/invitations";

export function PendingInvitations({
  org,
  invitations,
  roleTitle,
}: {
  org: string;
  invitations: InvitationDto[];
  roleTitle: (name: string) => string;
}) {
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  const [revoking, setRevoking] = useState<InvitationDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  return (
    <section aria-labelledby="invitations-title">
      <h2 id="invitations-title">Pending invitations</h2>
      {error && (
        <InlineNotification
          kind="error"
          title="Not revoked"
          subtitle={error}
          role="alert"
          onClose={() => setError(null)}
        />
      )}
      <table className="cds--data-table" aria-labelledby="invitations-title">
        <thead>
          <tr>
            <th>Email</th>
            <th>Role</th>
            <th>Invited by</th>
            <th>Expires</th>
            <th>
              <span className="cds--visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {invitations.length === 0 && (
            <tr>
              <td colSpan={5}>No pending invitations.</td>
            </tr>
          )}
          {invitations.map((i) => (
            <tr key={i.id}>
              <td>{i.email}</td>
              <td>{roleTitle(i.role)}</td>
              <td>{i.invitedBy}</td>
              <td>{new Date(i.expiresAt).toLocaleString()}</td>
              <td>
                <Button
                  kind="danger--ghost"
                  size="sm"
                  onClick={() => setRevoking(i)}
                  aria-label={`Revoke invitation for ${i.email}`}
                >
                  Revoke
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {revoking && (
        <Modal
          open
          danger
          modalHeading={`Revoke the invitation for ${revoking.email}?`}
          primaryButtonText={pending ? "Revoking…" : "Revoke"}
          primaryButtonDisabled={pending}
          secondaryButtonText="Cancel"
          onRequestClose={() => setRevoking(null)}
          onRequestSubmit={() =>
            startTransition(async () => {
              const r = await revokeInvitationAction(org, revoking.id);
              setError(r.ok ? null : r.message);
              if (r.ok) toast({ kind: "success", title: `Invitation for ${revoking.email} revoked` });
              setRevoking(null);
            })
          }
        >
          <p>The link stops working at once. You can invite them again later.</p>
        </Modal>
      )}
    </section>
  );
}
