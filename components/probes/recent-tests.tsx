"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
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
  Tag,
} from "@/components/carbon";
import { utc } from "@/components/notifications/format";
import { useReturnFocus } from "@/components/ui/use-return-focus";
import { queryKeys } from "@/lib/query-keys";
import type { ConnectionTestRecord } from "@/lib/tls/connection-test";
import { ResultNotification, TestResult } from "./test-result";

interface Props {
  org: string;
  kind: "client" | "server";
  profile: { name: string; version: string };
  initial: ConnectionTestRecord[];
}

const HEADERS = ["Time", "Target", "Outcome", "Message", ""];

/** The profile's last 20 runs, read through the REST API and refreshed after each run; each opens in full. */
export function RecentTests({ org, kind, profile, initial }: Props) {
  const what = kind === "client" ? "tests" : "checks";
  const history = useQuery({
    queryKey: queryKeys.connectionTests(org, kind, profile.name, profile.version),
    queryFn: async ({ signal }): Promise<ConnectionTestRecord[]> => {
      const segment = kind === "client" ? "tls-client-profiles" : "tls-server-profiles";
      const res = await fetch(
        `/api/orgs/${encodeURIComponent(org)}/${segment}/${encodeURIComponent(profile.name)}/${encodeURIComponent(profile.version)}/${what}`,
        { signal },
      );
      const body = await res.json();
      if (!res.ok) throw new Error(body.message ?? `Request failed (${res.status})`);
      return body.results;
    },
    initialData: initial,
  });
  const [open, setOpen] = useState<ConnectionTestRecord | null>(null);
  const returnFocus = useReturnFocus();
  const close = (t: ConnectionTestRecord) => {
    // Back to the row's button, or to the section's heading when that row has since been pruned.
    returnFocus(() => document.getElementById(`view-${t.id}`) ?? document.getElementById(id));
    setOpen(null);
  };
  const title = `Recent ${what}`;
  const id = `recent-${what}`;

  return (
    <section aria-labelledby={id}>
      <h2 id={id} tabIndex={-1}>
        {title}
      </h2>
      {history.isError && (
        <InlineNotification kind="error" title={`Could not refresh the ${what}`} subtitle={history.error.message} />
      )}
      {history.data.length === 0 ? (
        <div className="empty-state">
          <h3>No {what} yet</h3>
          <p>The last 20 are kept here, with who ran them and what they found.</p>
        </div>
      ) : (
        <TableContainer description={`The last 20 ${what}, newest first.`}>
          <Table aria-labelledby={id} size="sm">
            <TableHead>
              <TableRow>
                {HEADERS.map((h) => (
                  <TableHeader key={h || "actions"}>
                    {h || <span className="cds--visually-hidden">Actions</span>}
                  </TableHeader>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {history.data.map((t) => (
                <TableRow key={t.id}>
                  <TableCell>
                    <time dateTime={t.at}>{utc(t.at)}</time>
                  </TableCell>
                  <TableCell>{t.target}</TableCell>
                  <TableCell>
                    <Tag size="sm" type={t.ok ? "green" : "red"}>
                      {t.ok ? "Passed" : (t.code ?? "failed").replaceAll("_", " ")}
                    </Tag>
                  </TableCell>
                  <TableCell>{t.message}</TableCell>
                  <TableCell className="row-actions">
                    <Button
                      id={`view-${t.id}`}
                      kind="ghost"
                      size="sm"
                      onClick={() => setOpen(t)}
                      aria-label={`View the ${kind === "client" ? "test" : "check"} of ${t.target} at ${utc(t.at)}`}
                    >
                      View
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {open && (
        <Modal
          open
          passiveModal
          size="lg"
          modalHeading={`${open.target} at ${utc(open.at)}, by ${open.actor}`}
          onRequestClose={() => close(open)}
        >
          <ResultNotification result={open.result} />
          <TestResult result={open.result} idPrefix={`kept-${open.id}`} now={open.at} />
        </Modal>
      )}
    </section>
  );
}
