"use client";

import { useQuery } from "@tanstack/react-query";
import {
  DataTableSkeleton,
  InlineNotification,
  Modal,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableHeader,
  TableRow,
  Tag,
} from "@/components/carbon";
import { utc } from "@/components/notifications/format";
import type { DeliveryDto, WebhookDto } from "@/lib/server/notifications/webhooks";
import { queryKeys } from "@/lib/query-keys";

const HEADERS = ["Time", "Event", "About", "Result", "Next retry"];

/** Every attempt for one webhook, newest first, read through the REST API each time it opens. */
export function DeliveryLog({ org, webhook, onClose }: { org: string; webhook: WebhookDto; onClose: () => void }) {
  const log = useQuery({
    queryKey: queryKeys.webhookDeliveries(org, webhook.id),
    queryFn: async ({ signal }): Promise<DeliveryDto[]> => {
      const res = await fetch(`/api/orgs/${encodeURIComponent(org)}/webhooks/${webhook.id}/deliveries`, { signal });
      const body = await res.json();
      if (!res.ok) throw new Error(body.message ?? `Request failed (${res.status})`);
      return body.results;
    },
  });
  return (
    <Modal open passiveModal size="lg" modalHeading={`Delivery log: ${webhook.url}`} onRequestClose={onClose}>
      {log.isPending ? (
        <DataTableSkeleton columnCount={HEADERS.length} rowCount={3} showHeader={false} showToolbar={false} />
      ) : log.isError ? (
        <InlineNotification kind="error" title="Could not load the log" subtitle={log.error.message} hideCloseButton />
      ) : log.data.length === 0 ? (
        <div className="empty-state">
          <h3>No deliveries yet</h3>
          <p>Attempts appear here once a notice or a test notification is sent to this webhook.</p>
        </div>
      ) : (
        <TableContainer>
          <Table aria-label={`Delivery attempts to ${webhook.url}`} size="sm">
            <TableHead>
              <TableRow>
                {HEADERS.map((h) => (
                  <TableHeader key={h}>{h}</TableHeader>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {log.data.map((a, i) => (
                <TableRow key={`${a.at}-${i}`}>
                  <TableCell>{utc(a.at)}</TableCell>
                  <TableCell>{a.event}</TableCell>
                  <TableCell>{a.detail}</TableCell>
                  <TableCell>
                    <Tag type={a.outcome === "sent" ? "green" : "red"} size="sm">
                      {a.outcome === "sent" ? "Sent" : "Failed"}
                    </Tag>{" "}
                    {a.status_code !== null ? `HTTP ${a.status_code}` : ""}
                    {a.outcome === "failed" && a.error ? ` — ${a.error}` : ""}
                  </TableCell>
                  <TableCell>{a.next_retry_at ? utc(a.next_retry_at) : "—"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Modal>
  );
}
