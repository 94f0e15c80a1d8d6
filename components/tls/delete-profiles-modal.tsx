"use client";

import { InlineNotification, Modal } from "@/components/carbon";
import type { ClientProfileDto } from "@/lib/tls/client-profile-dto";
import { useDeleteClientProfiles } from "./use-client-profiles";

interface Props {
  org: string;
  profiles: Pick<ClientProfileDto, "name" | "version" | "title">[];
  /** Called with the number deleted, or 0 when cancelled. */
  onClose: (deleted: number) => void;
}

/** Destructive, so it names exactly what goes and waits for an explicit confirmation. */
export function DeleteProfilesModal({ org, profiles, onClose }: Props) {
  const remove = useDeleteClientProfiles(org);
  const many = profiles.length > 1;
  return (
    <Modal
      open
      danger
      modalHeading={many ? `Delete ${profiles.length} TLS client profiles?` : `Delete ${profiles[0].title}?`}
      primaryButtonText={remove.isPending ? "Deleting…" : "Delete"}
      primaryButtonDisabled={remove.isPending}
      secondaryButtonText="Cancel"
      onRequestClose={() => onClose(0)}
      onRequestSubmit={() =>
        remove.mutate(
          profiles.map(({ name, version }) => ({ name, version })),
          { onSuccess: onClose },
        )
      }
    >
      <p>This cannot be undone. Gateways that use these profiles keep their copy until the next publish.</p>
      <ul className="delete-list">
        {profiles.map((p) => (
          <li key={`${p.name}:${p.version}`}>
            <strong>{p.title}</strong> — {p.name}:{p.version}
          </li>
        ))}
      </ul>
      {remove.isError && (
        <InlineNotification kind="error" title="Nothing was deleted" subtitle={remove.error.message} hideCloseButton />
      )}
    </Modal>
  );
}
