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
import styles from "./probes.module.scss";

interface Props {
  org: string;
  kind: "client" | "server";
  profile: { name: string; version: string };
  initial: ConnectionTestRecord[];
}

const HEADERS = ["Time", "Target", "Outcome", ""];

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
        <TableContainer className={styles.scrolls} description={`The last 20 ${what}, newest first.`}>
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
                    {/* Date and time each on one line, so a narrow window wraps between them and not at a hyphen. */}
                    <time dateTime={t.at}>
                      {utc(t.at)
                        .split(/ (?=\d\d:)/)
                        .map((part) => (
                          <span key={part} className={styles.nowrap}>
                            {part}{" "}
                          </span>
                        ))}
                    </time>
                    <span className={styles.secondary}>by {t.actor}</span>
                  </TableCell>
                  <TableCell className={styles.nowrap}>{t.target}</TableCell>
                  {/* The sentence under its tag: one wide column reads better than two narrow ones at 1024 px. */}
                  <TableCell className={styles.message}>
                    <Tag size="sm" type={t.ok ? "green" : "red"}>
                      {t.ok ? "Passed" : (t.code ?? "failed").replaceAll("_", " ")}
                    </Tag>
                    <p>{t.message}</p>
                  </TableCell>
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
          <ResultNotification result={open.result} check={kind === "server" ? open.target : undefined} />
          <TestResult result={open.result} idPrefix={`kept-${open.id}`} now={open.at} check={kind === "server"} />
        </Modal>
      )}
    </section>
  );
}
