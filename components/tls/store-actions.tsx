"use client";

import { Button, InlineNotification, Modal, Stack, TextArea, TextInput } from "@/components/carbon";
import { Copy, Edit, TrashCan } from "@carbon/icons-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { deleteKeystoresAction, duplicateKeystoreAction, updateKeystoreAction } from "@/app/actions/keystores";
import { deleteTruststoresAction, duplicateTruststoreAction, updateTruststoreAction } from "@/app/actions/truststores";
import { useToast } from "@/components/ui/toasts";
import { useActionMutation } from "@/components/ui/use-action-mutation";
import { queryKeys } from "@/lib/query-keys";
import { DeleteResourcesModal } from "./delete-resources-modal";

interface Props {
  org: string;
  kind: "keystore" | "truststore";
  store: { name: string; title: string; summary: string; row_version: number; is_default: boolean };
  inUse: number;
}

/** What the page needs back from a duplicate or a save of either kind of store. */
type Saved = { name: string; title: string };

/** Edit title and summary, duplicate, delete: the store-level actions of a details page. */
export function StoreActions({ org, kind, store, inUse }: Props) {
  const router = useRouter();
  const toast = useToast();
  const [dialog, setDialog] = useState<"edit" | "delete" | null>(null);
  const [title, setTitle] = useState(store.title);
  const [summary, setSummary] = useState(store.summary);
  const list = `/orgs/${org}/resources/tls/${kind}s`;
  const target = { name: store.name, rowVersion: store.row_version };
  const invalidate = [kind === "keystore" ? queryKeys.keystores(org) : queryKeys.truststores(org)];
  const duplication = useActionMutation<[string, string], Saved>(
    kind === "keystore" ? duplicateKeystoreAction : duplicateTruststoreAction,
    { invalidate },
  );
  const edit = useActionMutation<[string, typeof target, unknown], Saved>(
    kind === "keystore" ? updateKeystoreAction : updateTruststoreAction,
    { invalidate },
  );
  const busy = duplication.busy || edit.busy;
  const firstFieldError = edit.failure?.fieldErrors[0];
  const error = edit.failure && {
    field: firstFieldError?.field,
    message: firstFieldError?.message ?? edit.failure.message,
  };

  const duplicate = async () => {
    const result = await duplication.run(org, store.name);
    if (!result.ok) return toast({ kind: "error", title: "Not duplicated", subtitle: result.message });
    toast({ kind: "success", title: "Duplicated", subtitle: result.data.title });
    router.push(`${list}/${result.data.name}`);
  };

  const save = async () => {
    const result = await edit.run(org, target, { title, summary });
    if (!result.ok) return;
    setDialog(null);
    toast({ kind: "success", title: "Saved", subtitle: result.data.title });
    router.refresh();
  };

  return (
    <div className="store-actions">
      {store.is_default ? (
        <Button kind="tertiary" size="sm" renderIcon={Copy} disabled={busy} onClick={duplicate}>
          Duplicate to customize
        </Button>
      ) : (
        <>
          <Button kind="tertiary" size="sm" renderIcon={Edit} onClick={() => setDialog("edit")}>
            Edit title and summary
          </Button>
          <Button kind="danger--tertiary" size="sm" renderIcon={TrashCan} onClick={() => setDialog("delete")}>
            Delete
          </Button>
        </>
      )}
      {dialog === "edit" && (
        <Modal
          open
          modalHeading={`Edit ${store.title}`}
          primaryButtonText={busy ? "Saving…" : "Save"}
          primaryButtonDisabled={busy}
          secondaryButtonText="Cancel"
          onRequestClose={() => setDialog(null)}
          onRequestSubmit={save}
        >
          <Stack gap={5}>
            {error && !error.field && (
              <InlineNotification
                kind="error"
                title="Not saved"
                subtitle={error.message}
                hideCloseButton
                role="alert"
              />
            )}
            <TextInput
              id="store-title"
              labelText="Title"
              value={title}
              invalid={error?.field === "title"}
              invalidText={error?.message}
              onChange={(e) => setTitle(e.target.value)}
            />
            <TextArea
              id="store-summary"
              labelText="Summary (optional)"
              value={summary}
              invalid={error?.field === "summary"}
              invalidText={error?.message}
              onChange={(e) => setSummary(e.target.value)}
            />
          </Stack>
        </Modal>
      )}
      {dialog === "delete" && (
        <DeleteResourcesModal
          noun={kind}
          items={[
            {
              key: store.name,
              title: store.title,
              detail: inUse ? `used by ${inUse} profile${inUse === 1 ? "" : "s"}` : store.name,
            },
          ]}
          consequence={
            kind === "keystore"
              ? "The private key is destroyed and cannot be recovered. A keystore that profiles use cannot be deleted."
              : "This cannot be undone. A truststore that profiles use cannot be deleted."
          }
          remove={() =>
            kind === "keystore" ? deleteKeystoresAction(org, [store.name]) : deleteTruststoresAction(org, [store.name])
          }
          invalidate={invalidate[0]}
          onClose={(deleted) => {
            setDialog(null);
            if (deleted) {
              toast({ kind: "success", title: `${kind === "keystore" ? "Keystore" : "Truststore"} deleted` });
              router.push(list);
            }
          }}
        />
      )}
    </div>
  );
}
