"use client";

import { InlineNotification, Modal } from "@/components/carbon";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ActionResult } from "@/lib/errors";

export interface DeleteItem {
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
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: async () => {
      const result = await remove();
      if (!result.ok)
        throw new Error(result.requestId ? `${result.message} (request id ${result.requestId})` : result.message);
      return result.data;
    },
    onSettled: () => client.invalidateQueries({ queryKey: invalidate }),
  });
  const many = items.length > 1;
  return (
    <Modal
      open
      danger
      modalHeading={many ? `Delete ${items.length} ${noun}s?` : `Delete ${items[0].title}?`}
      primaryButtonText={mutation.isPending ? "Deleting…" : "Delete"}
      primaryButtonDisabled={mutation.isPending}
      secondaryButtonText="Cancel"
      onRequestClose={() => onClose(0)}
      onRequestSubmit={() => mutation.mutate(undefined, { onSuccess: onClose })}
    >
      <p>{consequence}</p>
      <ul className="delete-list">
        {items.map((i) => (
          <li key={i.key}>
            <strong>{i.title}</strong> — {i.detail}
          </li>
        ))}
      </ul>
      {mutation.isError && (
        <InlineNotification
          kind="error"
          title="Nothing was deleted"
          subtitle={mutation.error.message}
          hideCloseButton
          role="alert"
        />
      )}
    </Modal>
  );
}
