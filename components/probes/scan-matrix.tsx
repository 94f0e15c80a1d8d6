"use client";

import {
  InlineNotification,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableHeader,
  TableRow,
  Tag,
} from "@/components/carbon";
import type { ScanDto } from "@/lib/tls/connection-test";
import { PROTOCOL_LABELS } from "@/lib/tls/protocols";
import styles from "./probes.module.scss";

const yesNo = (v: boolean) => (v ? "Yes" : "No");

/**
 * Where server and profile meet, said in a tag (not by colour alone). "Server only" is what the profile could add, so
 * it stands out; "Profile only" is normal (a profile offers more than any one server takes) and stays quiet.
 */
function Meeting({ server, profile }: { server: boolean; profile: boolean }) {
  if (server && profile)
    return (
      <Tag size="sm" type="green">
        Both
      </Tag>
    );
  if (server)
    return (
      <Tag size="sm" type="purple">
        Server only
      </Tag>
    );
  if (profile)
    return (
      <Tag size="sm" type="gray">
        Profile only
      </Tag>
    );
  return null;
}

const candidate = (server: boolean, profile: boolean) => (server && !profile ? styles.candidate : undefined);

/** "Scan server": which protocols and catalogue suites the server accepts, against the profile's own selection. */
export function ScanMatrix({ scan, idPrefix }: { scan: ScanDto; idPrefix: string }) {
  const accepted = scan.ciphers.filter((c) => c.server_accepts).length;
  return (
    <section aria-labelledby={`${idPrefix}-scan`} className={styles.block}>
      <h4 id={`${idPrefix}-scan`}>Server scan</h4>
      <p>
        The server accepts {accepted} of the {scan.ciphers.length} catalogue suites (scan took{" "}
        {(scan.duration_ms / 1000).toFixed(1)} s).
      </p>
      {scan.timed_out && (
        <InlineNotification
          kind="warning"
          title="The scan ran out of time"
          subtitle="Protocols and suites it did not reach are shown as not accepted; run it again to complete it."
          hideCloseButton
          lowContrast
        />
      )}
      <InlineNotification
        kind={scan.suggestion ? "warning" : "success"}
        title={scan.suggestion ? "Suggestion" : "Profile and server meet"}
        subtitle={scan.suggestion ?? "They share at least one protocol and one cipher suite."}
        hideCloseButton
        lowContrast
      />
      <TableContainer className={styles.scrolls}>
        <Table size="sm" aria-label="Protocols: server and profile">
          <TableHead>
            <TableRow>
              {["Protocol", "Server accepts", "Profile allows", "Meets"].map((h) => (
                <TableHeader key={h}>{h}</TableHeader>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {scan.protocols.map((p) => (
              <TableRow key={p.protocol} className={candidate(p.server_accepts, p.profile_allows)}>
                <TableCell>{PROTOCOL_LABELS[p.protocol]}</TableCell>
                <TableCell>{yesNo(p.server_accepts)}</TableCell>
                <TableCell>{yesNo(p.profile_allows)}</TableCell>
                <TableCell>
                  <Meeting server={p.server_accepts} profile={p.profile_allows} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <TableContainer className={styles.scrolls}>
        <Table size="sm" aria-label="Cipher suites: server and profile">
          <TableHead>
            <TableRow>
              {["Cipher suite (API Connect, IANA)", "Server accepts", "Profile selects", "Meets"].map((h) => (
                <TableHeader key={h}>{h}</TableHeader>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {scan.ciphers.map((c) => (
              <TableRow key={c.name} className={candidate(c.server_accepts, c.profile_selects)}>
                <TableCell className="mono">
                  {c.name}
                  {c.iana !== c.name && <span className={styles.secondary}>{c.iana}</span>}
                </TableCell>
                <TableCell>{yesNo(c.server_accepts)}</TableCell>
                <TableCell>{yesNo(c.profile_selects)}</TableCell>
                <TableCell>
                  <Meeting server={c.server_accepts} profile={c.profile_selects} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </section>
  );
}
