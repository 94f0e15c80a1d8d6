"use client";

import { InlineNotification, Tag } from "@/components/carbon";
import { CertificateList } from "@/components/tls/certificate-list";
import { CIPHER_BY_NAME } from "@/lib/tls/ciphers";
import type { ChainProblem, ConnectionTestResult } from "@/lib/tls/connection-test";
import { PROTOCOL_LABELS } from "@/lib/tls/protocols";
import { ScanMatrix } from "./scan-matrix";
import styles from "./probes.module.scss";

/** RFC 6066 names hosts only: an address dialled without a server name sends no SNI. */
const isAddress = (host: string) => host.includes(":") || /^\d{1,3}(\.\d{1,3}){3}$/.test(host);

const ms = (v: number | undefined) => (v === undefined ? "—" : `${Math.round(v)} ms`);

const targetText = (r: ConnectionTestResult) =>
  `${r.target.host.includes(":") ? `[${r.target.host}]` : r.target.host}:${r.target.port}`;

/**
 * The outcome in one line: what a screen reader announces when a run ends. A check names the client profile, since
 * its target is a listener on an ephemeral loopback port that means nothing to the reader.
 */
function outcomeTitle(r: ConnectionTestResult, check?: string): string {
  const code = r.code ? ` (${r.code})` : "";
  if (check)
    return r.ok
      ? `Client profile ${check} connected to this server profile`
      : `Client profile ${check} could not connect to this server profile${code}`;
  return r.ok ? `Connected to ${targetText(r)}` : `Connection to ${targetText(r)} failed${code}`;
}

/** The notification at the top of a result: the sentence and the fix. `check`: the client profile of a check. */
export function ResultNotification({ result, check }: { result: ConnectionTestResult; check?: string }) {
  const problems = result.ok && result.chain_problems.length > 0;
  return (
    <InlineNotification
      className={styles.notification}
      kind={!result.ok ? "error" : problems ? "warning" : "success"}
      title={outcomeTitle(result, check)}
      subtitle={result.fix ? `${result.message} Fix: ${result.fix}` : result.message}
      hideCloseButton
      lowContrast
    />
  );
}

function clientCertificate(r: ConnectionTestResult): string {
  if (!r.client_certificate_requested) return "Not requested by the server";
  if (r.client_certificate_accepted === undefined) return "Requested";
  return r.client_certificate_accepted ? "Requested and accepted" : "Requested, not accepted";
}

function cipherText(r: ConnectionTestResult): string {
  if (!r.cipher_iana) return "—";
  const name = r.cipher ?? null;
  if (!name) return `${r.cipher_iana} (not in the API Connect catalogue)`;
  const iana = CIPHER_BY_NAME.get(name)?.iana ?? r.cipher_iana;
  return name === iana ? name : `${name} (IANA ${iana})`;
}

function ProblemTags({ problems }: { problems: ChainProblem[] }) {
  return problems.map((p) => (
    <Tag key={p.code} size="sm" type="red">
      {p.code.replaceAll("_", " ")}
    </Tag>
  ));
}

interface ResultProps {
  result: ConnectionTestResult;
  idPrefix: string;
  now: string;
  /** "Check with a client profile": the target is this profile's loopback listener, the trust is the client's. */
  check?: boolean;
}

/**
 * Everything a run found: summary, the chain in the order the server sent it with its problems called out, and the
 * scan when one ran. Rendered from the contract (lib/tls/connection-test.ts), so fields the engine adds show as they come.
 */
export function TestResult({ result, idPrefix, now, check }: ResultProps) {
  const r = result;
  const general = r.chain_problems.filter((p) => p.position === undefined);
  return (
    <div>
      <section aria-labelledby={`${idPrefix}-summary`} className={styles.block}>
        <h4 id={`${idPrefix}-summary`}>Summary</h4>
        <dl className={styles.facts}>
          <dt>{check ? "Listener" : "Target"}</dt>
          <dd>
            {targetText(r)}
            {r.target.address && r.target.address !== r.target.host ? ` (${r.target.address})` : ""}
          </dd>
          <dt>Server name (SNI)</dt>
          <dd>
            {r.target.server_name ?? (isAddress(r.target.host) ? "None: an address is never sent" : r.target.host)}
          </dd>
          <dt>Protocol</dt>
          <dd>{r.protocol ? PROTOCOL_LABELS[r.protocol] : "—"}</dd>
          <dt>Cipher suite</dt>
          <dd className="mono">{cipherText(r)}</dd>
          <dt>ALPN</dt>
          <dd>{r.alpn ?? "None negotiated"}</dd>
          <dt>{check ? "Trusted by the client profile" : "Trusted by the profile"}</dt>
          <dd>{r.trusted === undefined ? "—" : r.trusted ? "Yes" : "No"}</dd>
          <dt>Client certificate</dt>
          <dd>{clientCertificate(r)}</dd>
          <dt>Times</dt>
          <dd>
            connect {ms(r.timings_ms.connect)}, handshake {ms(r.timings_ms.handshake)}, total {ms(r.timings_ms.total)}
          </dd>
        </dl>
      </section>
      {r.chain_problems.length > 0 && (
        <section aria-labelledby={`${idPrefix}-problems`} className={styles.block}>
          <h4 id={`${idPrefix}-problems`}>Chain problems</h4>
          <ul className={styles.problems}>
            {r.chain_problems.map((p, i) => (
              <li key={`${p.code}-${i}`}>
                {p.position !== undefined ? `Position ${p.position}: ` : ""}
                {p.message}
              </li>
            ))}
          </ul>
          {general.length > 0 && <ProblemTags problems={general} />}
        </section>
      )}
      {r.peer_certificates.length > 0 && (
        <section aria-labelledby={`${idPrefix}-chain`} className={styles.block}>
          <h4 id={`${idPrefix}-chain`}>
            {r.chain_order === "rebuilt"
              ? "Chain (in verified order; the order sent could not be read)"
              : "Chain as the server sent it"}
          </h4>
          <CertificateList
            certificates={r.peer_certificates}
            layout={r.chain_order === "rebuilt" ? "chain" : "sent"}
            now={now}
            action={(c) => (
              <ProblemTags
                problems={r.chain_problems.filter(
                  (p) => p.position !== undefined && r.peer_certificates[p.position] === c,
                )}
              />
            )}
          />
        </section>
      )}
      {r.scan && <ScanMatrix scan={r.scan} idPrefix={idPrefix} />}
    </div>
  );
}
