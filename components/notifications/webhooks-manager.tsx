"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import {
  Button,
  InlineNotification,
  Modal,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableHeader,
  TableRow,
  TableToolbar,
  TableToolbarContent,
} from "@/components/carbon";
import { deleteWebhookAction, testWebhookAction } from "@/app/actions/notifications";
import { CreateWebhookModal } from "@/components/notifications/create-webhook-modal";
import { DeliveryLog } from "@/components/notifications/delivery-log";
import { utc } from "@/components/notifications/format";
import { useToast } from "@/components/ui/toasts";
import { failureText, useActionMutation } from "@/components/ui/use-action-mutation";
import { useReturnFocus } from "@/components/ui/use-return-focus";
import type { WebhookDto } from "@/lib/server/notifications/webhooks";
import { queryKeys } from "@/lib/query-keys";

/** The organization's webhooks: add, test, read the delivery log, delete (after confirmation). */
export function WebhooksManager({ org, initial }: { org: string; initial: WebhookDto[] }) {
  const toast = useToast();
  const client = useQueryClient();
  const list = useQuery({
    queryKey: queryKeys.webhooks(org),
    queryFn: async ({ signal }): Promise<WebhookDto[]> => {
      const res = await fetch(`/api/orgs/${encodeURIComponent(org)}/webhooks`, { signal });
      const body = await res.json();
      if (!res.ok) throw new Error(body.message ?? `Request failed (${res.status})`);
      return body.results;
    },
    initialData: initial,
  });
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<WebhookDto | null>(null);
  const [logOf, setLogOf] = useState<WebhookDto | null>(null);
  const [testingId, setTestingId] = useState<string | null>(null);
  const removal = useActionMutation(deleteWebhookAction, { invalidate: [queryKeys.webhooks(org)] });
  const testing = useActionMutation(testWebhookAction);
  const addButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useReturnFocus(testingId === null && !removal.busy);
  // To the control the person used, or to "Add webhook" when that row is gone.
  const refocus = (id?: string) => returnFocus(() => (id ? document.getElementById(id) : null) ?? addButton.current);

  const test = async (hook: WebhookDto) => {
    setTestingId(hook.id);
    const r = await testing.run(org, hook.id);
    refocus(`webhook-test-${hook.id}`);
    setTestingId(null);
    await client.invalidateQueries({ queryKey: queryKeys.webhookDeliveries(org, hook.id) });
    if (!r.ok) return toast({ kind: "error", title: "Test not sent", subtitle: failureText(r) });
    toast({
      kind: r.data.ok ? "success" : "error",
      title: r.data.ok ? "Test notification delivered" : "Test notification failed",
      subtitle: r.data.message,
    });
  };

  const remove = async (hook: WebhookDto) => {
    const r = await removal.run(org, hook.id);
    refocus(r.ok ? undefined : `webhook-delete-${hook.id}`);
    setDeleting(null);
    if (r.ok) toast({ kind: "success", title: "Webhook deleted", subtitle: hook.url });
  };

  const hooks = list.data;
  return (
    <section aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">Webhooks</h2>
      {removal.failure && (
        <InlineNotification
          kind="error"
          title="Not deleted"
          subtitle={failureText(removal.failure)}
          role="alert"
          onClose={removal.dismiss}
        />
      )}
      <TableContainer description="Each notice is POSTed as signed JSON to every webhook; failures are retried for 24 hours.">
        <TableToolbar aria-label="Webhooks toolbar">
          <TableToolbarContent>
            <Button ref={addButton} size="sm" onClick={() => setCreating(true)}>
              Add webhook
            </Button>
          </TableToolbarContent>
        </TableToolbar>
        {hooks.length === 0 ? (
          <div className="empty-state">
            <h3>No webhooks yet</h3>
            <p>Add one to have expiry notices posted to your chat, ticketing or automation.</p>
          </div>
        ) : (
          <Table aria-labelledby="webhooks-title">
            <TableHead>
              <TableRow>
                <TableHeader>URL</TableHeader>
                <TableHeader>Added</TableHeader>
                <TableHeader>
                  <span className="cds--visually-hidden">Actions</span>
                </TableHeader>
              </TableRow>
            </TableHead>
            <TableBody>
              {hooks.map((h) => (
                <TableRow key={h.id}>
                  <TableCell className="webhook-url">{h.url}</TableCell>
                  <TableCell>
                    {utc(h.created_at)} by {h.created_by}
                  </TableCell>
                  <TableCell className="row-actions">
                    <Button
                      id={`webhook-test-${h.id}`}
                      kind="ghost"
                      size="sm"
                      disabled={testingId !== null}
                      onClick={() => void test(h)}
                      aria-label={`Send test notification to ${h.url}`}
                    >
                      {testingId === h.id ? "Sending…" : "Send test"}
                    </Button>
                    <Button
                      id={`webhook-log-${h.id}`}
                      kind="ghost"
                      size="sm"
                      onClick={() => setLogOf(h)}
                      aria-label={`Delivery log of ${h.url}`}
                    >
                      Delivery log
                    </Button>
                    <Button
                      id={`webhook-delete-${h.id}`}
                      kind="danger--ghost"
                      size="sm"
                      onClick={() => setDeleting(h)}
                      aria-label={`Delete webhook ${h.url}`}
                    >
                      Delete
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </TableContainer>
      {creating && (
        <CreateWebhookModal
          org={org}
          onClose={() => {
            refocus();
            setCreating(false);
          }}
        />
      )}
      {logOf && (
        <DeliveryLog
          org={org}
          webhook={logOf}
          onClose={() => {
            refocus(`webhook-log-${logOf.id}`);
            setLogOf(null);
          }}
        />
      )}
      {deleting && (
        <Modal
          open
          danger
          modalHeading={`Delete the webhook ${deleting.url}?`}
          primaryButtonText={removal.busy ? "Deleting…" : "Delete"}
          primaryButtonDisabled={removal.busy}
          secondaryButtonText="Cancel"
          onRequestClose={() => {
            refocus(`webhook-delete-${deleting.id}`);
            setDeleting(null);
          }}
          onRequestSubmit={() => void remove(deleting)}
        >
          <p>Its pending notices and its delivery log are deleted with it. Notices already sent stay sent.</p>
        </Modal>
      )}
    </section>
  );
}
