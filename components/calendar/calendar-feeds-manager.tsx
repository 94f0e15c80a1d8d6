"use client";

import { Add } from "@carbon/icons-react";
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
import { revokeCalendarFeedAction } from "@/app/actions/calendar-feeds";
import { CreateFeedModal } from "@/components/calendar/create-feed-modal";
import { NewFeedUrlModal } from "@/components/calendar/new-feed-url-modal";
import { When } from "@/components/tls/cells";
import { useToast } from "@/components/ui/toasts";
import { failureText, useActionMutation } from "@/components/ui/use-action-mutation";
import { useReturnFocus } from "@/components/ui/use-return-focus";
import type { CalendarFeedDto } from "@/lib/server/lifecycle/calendar-feeds";

/** The organization's calendar feeds: create one (its URL shown once), revoke after confirmation. */
export function CalendarFeedsManager({ org, feeds }: { org: string; feeds: CalendarFeedDto[] }) {
  const toast = useToast();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ name: string; url: string } | null>(null);
  const [revoking, setRevoking] = useState<CalendarFeedDto | null>(null);
  const revocation = useActionMutation(revokeCalendarFeedAction);
  const createButton = useRef<HTMLButtonElement>(null);
  // The dialogs unmount, which drops focus to the page's start: put it back on the button that opened them, or on
  // "Create feed" when that row is gone.
  const returnFocus = useReturnFocus(!revocation.busy);
  const refocus = (id?: string) => returnFocus(() => (id ? document.getElementById(id) : null) ?? createButton.current);

  const revoke = async (feed: CalendarFeedDto) => {
    const r = await revocation.run(org, feed.id);
    if (r.ok) toast({ kind: "success", title: `Feed ${feed.name} revoked` });
    refocus(r.ok ? undefined : `feed-revoke-${feed.id}`);
    setRevoking(null);
  };

  return (
    <>
      {revocation.failure && (
        <InlineNotification
          kind="error"
          title="Not revoked"
          subtitle={failureText(revocation.failure)}
          role="alert"
          onClose={revocation.dismiss}
        />
      )}
      <TableContainer title="Calendar feeds" description="Secret URLs that calendar applications subscribe to.">
        <TableToolbar aria-label="Calendar feed actions">
          <TableToolbarContent>
            <Button ref={createButton} renderIcon={Add} onClick={() => setCreating(true)}>
              Create feed
            </Button>
          </TableToolbarContent>
        </TableToolbar>
        {feeds.length === 0 ? (
          <div className="empty-state">
            <h3>No calendar feeds yet</h3>
            <p>Create a feed to see every certificate&rsquo;s expiry, with reminders, in a team calendar.</p>
          </div>
        ) : (
          <Table aria-label="Calendar feeds">
            <TableHead>
              <TableRow>
                <TableHeader>Name</TableHeader>
                <TableHeader>Created</TableHeader>
                <TableHeader>Created by</TableHeader>
                <TableHeader>
                  <span className="cds--visually-hidden">Actions</span>
                </TableHeader>
              </TableRow>
            </TableHead>
            <TableBody>
              {feeds.map((f) => (
                <TableRow key={f.id}>
                  <TableCell>{f.name}</TableCell>
                  <TableCell>
                    <When iso={f.created_at} />
                  </TableCell>
                  <TableCell>{f.created_by}</TableCell>
                  <TableCell>
                    <Button id={`feed-revoke-${f.id}`} kind="danger--ghost" size="sm" onClick={() => setRevoking(f)}>
                      Revoke<span className="cds--visually-hidden"> {f.name}</span>
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </TableContainer>
      {creating && (
        <CreateFeedModal
          org={org}
          onClose={() => {
            refocus();
            setCreating(false);
          }}
          onCreated={(feed) => {
            setCreating(false);
            setCreated(feed);
          }}
        />
      )}
      {created && (
        <NewFeedUrlModal
          name={created.name}
          url={created.url}
          onDone={() => {
            refocus();
            setCreated(null);
          }}
        />
      )}
      {revoking && (
        <Modal
          open
          danger
          modalHeading={`Revoke ${revoking.name}?`}
          primaryButtonText={revocation.busy ? "Revoking…" : "Revoke"}
          primaryButtonDisabled={revocation.busy}
          secondaryButtonText="Cancel"
          onRequestClose={() => {
            refocus(`feed-revoke-${revoking.id}`);
            setRevoking(null);
          }}
          onRequestSubmit={() => void revoke(revoking)}
        >
          <p>Calendars subscribed to this feed stop receiving updates at once. This cannot be undone.</p>
        </Modal>
      )}
    </>
  );
}
