"use client";

import { InlineNotification, Modal } from "@/components/carbon";
import { failureText, useActionMutation } from "@/components/ui/use-action-mutation";
import type { ActionResult } from "@/lib/errors";

interface DeleteItem {
  key: string;
  title: string;
  detail: string;
}

interface Props {
  /** "TLS client profile", "keystore", … */
  noun: string;
  items: DeleteItem[];
  consequence: string;
  remove: () => Promise<ActionResult<number>>;
  invalidate: readonly unknown[];
  /** Called with the number deleted, or 0 when cancelled. */
  onClose: (deleted: number) => void;
}

/** Destructive, so it names exactly what goes and waits for an explicit confirmation; refusals say why. */
export function DeleteResourcesModal({ noun, items, consequence, remove, invalidate, onClose }: Props) {
  const deletion = useActionMutation(remove, { invalidate: [invalidate] });
  const many = items.length > 1;
  return (
    <Modal
      open
      danger
      modalHeading={many ? `Delete ${items.length} ${noun}s?` : `Delete ${items[0].title}?`}
      primaryButtonText={deletion.busy ? "Deleting…" : "Delete"}
      primaryButtonDisabled={deletion.busy}
      secondaryButtonText="Cancel"
      onRequestClose={() => onClose(0)}
      onRequestSubmit={async () => {
        const result = await deletion.run();
        if (result.ok) onClose(result.data);
      }}
    >
      <p>{consequence}</p>
      <ul className="delete-list">
        {items.map((i) => (
          <li key={i.key}>
            <strong>{i.title}</strong> — {i.detail}
          </li>
        ))}
      </ul>
      {deletion.failure && (
        <InlineNotification
          kind="error"
          title="Nothing was deleted"
          subtitle={failureText(deletion.failure)}
          hideCloseButton
          role="alert"
        />
      )}
    </Modal>
  );
}
