"use client";

import { Button, InlineNotification, Modal } from "@/components/carbon";
import { useState } from "react";
import { revokeInvitationAction } from "@/app/actions/members";
import { When } from "@/components/tls/cells";
import { useToast } from "@/components/ui/toasts";
import { failureText, useActionMutation } from "@/components/ui/use-action-mutation";
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
  const revocation = useActionMutation(revokeInvitationAction);
  const [revoking, setRevoking] = useState<InvitationDto | null>(null);

  const revoke = async (invitation: InvitationDto) => {
    const r = await revocation.run(org, invitation.id);
    if (r.ok) toast({ kind: "success", title: `Invitation for ${invitation.email} revoked` });
    setRevoking(null);
  };

  return (
    <section aria-labelledby="invitations-title">
      <h2 id="invitations-title">Pending invitations</h2>
      {revocation.failure && (
        <InlineNotification
          kind="error"
          title="Not revoked"
          subtitle={failureText(revocation.failure)}
          role="alert"
          onClose={revocation.dismiss}
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
              <td>
                <When iso={i.expiresAt} />
              </td>
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
          primaryButtonText={revocation.busy ? "Revoking…" : "Revoke"}
          primaryButtonDisabled={revocation.busy}
          secondaryButtonText="Cancel"
          onRequestClose={() => setRevoking(null)}
          onRequestSubmit={() => void revoke(revoking)}
        >
          <p>The link stops working at once. You can invite them again later.</p>
        </Modal>
      )}
    </section>
  );
}
