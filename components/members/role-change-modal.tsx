"use client";

import { Modal } from "@/components/carbon";
import { hasPermission, PERMISSION_LABELS, PERMISSIONS } from "@/lib/auth/permissions";

interface RoleLike {
  name: string;
  title: string;
  permissions: string;
}

/** A role change takes effect at once for someone else, so it is confirmed, with what they gain and lose spelled out. */
export function RoleChangeModal({
  email,
  from,
  to,
  busy,
  onCancel,
  onConfirm,
}: {
  email: string;
  from: RoleLike;
  to: RoleLike;
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const gained = PERMISSIONS.filter((p) => hasPermission(to.permissions, p) && !hasPermission(from.permissions, p));
  const lost = PERMISSIONS.filter((p) => hasPermission(from.permissions, p) && !hasPermission(to.permissions, p));
  return (
    <Modal
      open
      danger={lost.length > 0}
      modalHeading={`Change the role of ${email} to ${to.title}?`}
      primaryButtonText={busy ? "Changing…" : "Change role"}
      primaryButtonDisabled={busy}
      secondaryButtonText="Cancel"
      onRequestClose={onCancel}
      onRequestSubmit={onConfirm}
    >
      <p>
        From {from.title} to {to.title}; it applies to their next request.
      </p>
      {gained.length > 0 && (
        <>
          <h3 className="cds--type-heading-compact-01">They gain</h3>
          <ul aria-label="Permissions gained">
            {gained.map((p) => (
              <li key={p}>{PERMISSION_LABELS[p]}</li>
            ))}
          </ul>
        </>
      )}
      {lost.length > 0 && (
        <>
          <h3 className="cds--type-heading-compact-01">They lose</h3>
          <ul aria-label="Permissions lost">
            {lost.map((p) => (
              <li key={p}>{PERMISSION_LABELS[p]}</li>
            ))}
          </ul>
        </>
      )}
    </Modal>
  );
}
