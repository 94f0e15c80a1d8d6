import "server-only";
import { X509Certificate } from "node:crypto";
import type { Socket } from "node:net";
import { parseCertificate } from "@/lib/crypto/certificate";
import { guardedConnect } from "@/lib/server/outbound/guarded-connect";
import { type Lookup, OutboundRefused } from "@/lib/server/outbound/destination";
import { probeTimeoutMs } from "@/lib/server/platform/config";
import { judgeChain, MAX_CHAIN_CERTIFICATES, trustAnchors } from "@/lib/server/probes/chain-check";
import { diagnose, type ProbeFacts, type ServerView } from "@/lib/server/probes/diagnosis";
import { sniff } from "@/lib/server/probes/first-bytes";
import { ask, type Pacing, protocolFor, protocolsSpoken, suitesAccepted } from "@/lib/server/probes/follow-ups";
import { type HandshakeObservation, tappedHandshake } from "@/lib/server/probes/handshake";
import { SUITE_CODE, WIRE_VERSION } from "@/lib/server/probes/hello";
import { SCAN_PAUSE_MS, SCAN_TIMEOUT_MS, scanServer } from "@/lib/server/probes/scan";
import { alertName, looksLikeTls } from "@/lib/server/probes/tls-wire";
import { clientTlsOptions, type ClientProfileTls, type TlsMaterial } from "@/lib/server/profiles/node-tls-options";
import { CIPHERS, type CipherName } from "@/lib/tls/ciphers";
import type { ConnectionTestResult, PeerCertificateDto, ScanDto } from "@/lib/tls/connection-test";
import { commonName } from "@/lib/tls/expiry";
import type { TlsProtocol } from "@/lib/tls/protocols";
import { effectiveCiphers } from "@/lib/tls/tls13-rule";

/** How a probe gets its TCP connection: through the outbound guard, or straight to a loopback listener we own. */
export type Dial = (timeoutMs: number) => Promise<{ socket: Socket; address: string }>;

/** The hard deadline of one test, DNS to verdict (PROBE_TIMEOUT_MS; the scan has its own, SCAN_TIMEOUT_MS). */
export const PROBE_TIMEOUT_MS = probeTimeoutMs();

/**
 * The guarded way out (ADR 020): DNS pinned, deny list and port rule applied, deadline on DNS + connect. The first
 * connection pins the address; follow-up hellos and the scan dial that same address (judged again, without DNS).
 */
export function guardedDial(host: string, port: number, lookup?: Lookup): Dial {
  let pinned: string | undefined;
  return async (timeoutMs) => {
    const socket = await guardedConnect(pinned ?? host, port, { timeoutMs, lookup });
    pinned ??= socket.remoteAddress;
    return { socket, address: socket.remoteAddress ?? host };
  };
}

export interface ProbeRequest {
  profile: ClientProfileTls;
  material: TlsMaterial;
  host: string;
  port: number;
  /** SNI and the name checked against the certificate, when not `host`. */
  serverName?: string;
  timeoutMs?: number;
  dial: Dial;
  /** Also scan which protocols and catalogue suites the server accepts (slower, paced). */
  scan?: boolean;
  /** Pause between follow-up and scan hellos (default SCAN_PAUSE_MS); tests pass 0. */
  pauseMs?: number;
  /** Certificates are judged at this time (default now). */
  now?: Date;
  /** What the server is known to allow (the loopback check knows its profile): no follow-up hellos needed. */
  known?: { protocols: TlsProtocol[]; ciphers: CipherName[] };
  /** The server's own account of the connection (the loopback check), asked once the handshake is over. */
  serverView?: () => Promise<ServerView | undefined>;
}

type DialFailure = NonNullable<ProbeFacts["dial"]> & { field?: "host" | "port" };

function dialFailure(error: unknown): DialFailure {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof OutboundRefused ? (error.cause as NodeJS.ErrnoException | undefined) : error;
  const errno = (cause as NodeJS.ErrnoException | undefined)?.code;
  if (error instanceof OutboundRefused) {
    if (error.code === "DNS_FAILED") return { code: "dns_failed", message };
    if (error.code === "TIMEOUT") return { code: "timeout", message };
    if (error.code === "DENIED_ADDRESS") return { code: "denied", message, field: "host" };
    if (error.code === "DENIED_PORT") return { code: "denied", message, field: "port" };
    if (error.code === "BAD_URL") return { code: "denied", message, field: /port/i.test(message) ? "port" : "host" };
  }
  if (errno === "ECONNREFUSED") return { code: "refused", message };
  if (errno === "EHOSTUNREACH" || errno === "ENETUNREACH") return { code: "unreachable", message };
  if (errno === "ETIMEDOUT") return { code: "timeout", message };
  return { code: "failed", message };
}

function peerCertificates(ders: Buffer[]): PeerCertificateDto[] {
  return ders.flatMap((der, position) => {
    try {
      const { info } = parseCertificate(der, "peer certificate");
      return [
        {
          position,
          subject: info.subject,
          issuer: info.issuer,
          serial_number: info.serialNumber,
          subject_alt_names: info.subjectAltNames,
          key_type: info.keyType,
          key_bits: info.keyBits,
          signature_algorithm: info.signatureAlgorithm,
          not_before: info.notBefore,
          not_after: info.notAfter,
          sha256_fingerprint: info.sha256,
          is_ca: info.isCA,
          self_signed: info.selfSigned,
          pem: info.pem,
        },
      ];
    } catch {
      return [];
    }
  });
}

/** The CA the server must trust for our certificate: the issuer of the top of our chain (itself, if self-signed). */
function clientIssuer(material: TlsMaterial): string | undefined {
  const pems = material.keystore?.chainPem.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g);
  if (!pems?.length) return undefined;
  try {
    const top = new X509Certificate(pems[pems.length - 1]);
    return commonName(top.issuer.split("\n").join(", "));
  } catch {
    return undefined;
  }
}

const PROTOCOL_OF: Record<string, TlsProtocol> = {
  TLSv1: "tls_v1.0",
  "TLSv1.1": "tls_v1.1",
  "TLSv1.2": "tls_v1.2",
  "TLSv1.3": "tls_v1.3",
};

function firstFatalAlert(seen: HandshakeObservation): ProbeFacts["serverAlert"] {
  const alert = seen.server.alerts.find((a) => a.fatal);
  // A TLS 1.3 alert we could not open still reaches Node, which names it in its error.
  const number = alert?.description ?? Number(/SSL alert number (\d+)/.exec(seen.error?.reason ?? "")?.[1] ?? NaN);
  if (Number.isNaN(number)) return undefined;
  return { description: number, name: alertName(number), afterHandshake: seen.completed };
}

/**
 * Whether the server took our certificate: the listener's own word in the loopback check; otherwise a completed
 * handshake with no objection after our Finished (TLS 1.3 decides then), a rejection by diagnosis, else unknown.
 */
function clientCertificateAccepted(facts: ProbeFacts, code: string | undefined) {
  if (!facts.clientCertificate.requested || !facts.clientCertificate.sent) return undefined;
  if (facts.serverView?.clientAuthorized !== undefined) return facts.serverView.clientAuthorized;
  if (code === "client_certificate_rejected") return false;
  return facts.completed ? true : undefined;
}

/** The connection ended without a word once the server had our certificate: in TLS 1.3 after our Finished. */
function hungUp(seen: HandshakeObservation): boolean {
  // A clean close (close_notify) or a ticket first is an ordinary goodbye, not a rejection.
  const { alerts, sessionTicket, applicationData } = seen.server;
  if (seen.afterFinished === "closed")
    return !alerts.some((a) => a.description === 0) && !sessionTicket && !applicationData;
  return (
    !seen.completed &&
    Boolean(seen.server.serverHello) &&
    /ECONNRESET|closed|socket hang up/i.test(`${seen.error?.code} ${seen.error?.reason}`)
  );
}

interface FollowUps {
  serverSpeaks?: TlsProtocol[];
  serverSuites?: CipherName[];
  sniNeeded?: boolean;
}

/**
 * After a failed handshake: which protocols the server speaks and, when the protocols meet, which suites it picks;
 * a profile without SNI also learns whether a name would have helped. Skipped when the answer is already known.
 */
async function followUps(request: ProbeRequest, sniName: string | undefined, offered: CipherName[], pacing: Pacing) {
  const out: FollowUps = {};
  const { spoken } = await protocolsSpoken(request.dial, sniName, pacing);
  out.serverSpeaks = spoken;
  const common = spoken.filter((p) => request.profile.protocols.includes(p));
  if (common.length === 0) return out;
  out.serverSuites = await suitesAccepted(request.dial, common, sniName, pacing);
  if (!request.profile.server_name_indication && out.serverSuites.some((c) => offered.includes(c))) {
    const name = request.serverName ?? request.host;
    const protocol = common[common.length - 1];
    const family = CIPHERS.filter((c) => (c.family === "tls13") === (protocol === "tls_v1.3"));
    const suites = family.filter((c) => offered.includes(c.name)).map((c) => SUITE_CODE.get(c.name)!);
    const answer = await ask(request.dial, { protocol, suites, serverName: name }, pacing);
    out.sniNeeded = answer.kind === "hello";
  }
  return out;
}

/**
 * What the server accepts, when the caller asked for the scan or the handshake failed in a way that depends on it:
 * known from the loopback check's server profile, read from the scan, or asked with follow-up hellos. Suites count
 * only on protocols both sides allow.
 */
async function learn(request: ProbeRequest, seen: HandshakeObservation, notTls: boolean, pacing: Pacing) {
  const { profile } = request;
  const offered = effectiveCiphers(profile.protocols, profile.ciphers);
  const sniName = profile.server_name_indication ? (request.serverName ?? request.host) : undefined;
  let scan: ScanDto | undefined;
  if (request.scan && !notTls) {
    scan = await scanServer(request.dial, { protocols: profile.protocols, ciphers: offered }, sniName, {
      pauseMs: pacing.pauseMs,
      deadline: performance.now() + SCAN_TIMEOUT_MS,
    });
  }
  const onCommon = (spoken: TlsProtocol[], suites: CipherName[]): FollowUps => {
    const common = spoken.filter((p) => profile.protocols.includes(p));
    return { serverSpeaks: spoken, serverSuites: suites.filter((c) => protocolFor(c, common) !== undefined) };
  };
  const hello = seen.server.serverHello;
  const allowed = hello && !hello.helloRetry && profile.protocols.some((p) => WIRE_VERSION[p] === hello.version);
  if (seen.completed || notTls || seen.timedOut) return { scan, learned: {} };
  if (request.known) {
    return {
      scan,
      learned: onCommon(request.known.protocols, effectiveCiphers(request.known.protocols, request.known.ciphers)),
    };
  }
  if (scan) {
    const spoken = scan.protocols.filter((p) => p.server_accepts).map((p) => p.protocol);
    return {
      scan,
      learned: onCommon(
        spoken,
        scan.ciphers.filter((c) => c.server_accepts).map((c) => c.name),
      ),
    };
  }
  // A ServerHello on an allowed protocol settles protocol and suite: the failure lies elsewhere.
  return { scan, learned: allowed ? {} : await followUps(request, sniName, offered, pacing) };
}

/** One handshake with exactly the profile's options; the chain is judged after, so it is reported either way. */
export async function probe(request: ProbeRequest): Promise<ConnectionTestResult> {
  const started = performance.now();
  const timeoutMs = request.timeoutMs ?? PROBE_TIMEOUT_MS;
  const deadline = started + timeoutMs;
  const name = request.serverName ?? request.host;
  const { profile, material } = request;
  const offered = effectiveCiphers(profile.protocols, profile.ciphers);
  const target = { host: request.host, port: request.port, server_name: request.serverName ?? null };
  const base = {
    host: request.host,
    port: request.port,
    name,
    timeoutMs,
    profile: {
      protocols: profile.protocols,
      ciphers: offered,
      insecure: profile.insecure_server_connections,
      sni: profile.server_name_indication,
    },
  };
  const empty = { target, peer_certificates: [], chain_problems: [], client_certificate_requested: false };

  let dialled: { socket: Socket; address: string };
  try {
    dialled = await request.dial(timeoutMs);
  } catch (error) {
    const { field, ...dial } = dialFailure(error);
    const verdict = diagnose({
      ...base,
      dial,
      answered: false,
      completed: false,
      serverHelloSeen: false,
      identityMismatch: false,
      chain: { problems: [], sans: [] },
      clientCertificate: { requested: false, sent: false },
    });
    return {
      ...empty,
      ...verdict,
      ...(field ? { field } : {}),
      timings_ms: { total: Math.round(performance.now() - started) },
    };
  }
  const connected = performance.now();
  const options = clientTlsOptions(profile, material, name);
  const seen = await tappedHandshake(dialled.socket, options, name, deadline);

  const orderKnown = seen.server.certificates !== null;
  const ders = seen.server.certificates ?? seen.rebuiltChain;
  const chain = judgeChain({
    certificates: ders,
    orderKnown,
    name,
    anchors: await trustAnchors(material.truststore?.caPems),
    now: request.now ?? new Date(),
  });
  if (seen.completed && !seen.verifyError) {
    // OpenSSL found a path to an anchor: its verdict on trust wins over our reading of the chain.
    chain.problems = chain.problems.filter((p) => p.code !== "untrusted" && p.code !== "missing_intermediate");
  }
  const notTls = seen.received.length > 0 && !looksLikeTls(seen.received) ? sniff(seen.received) : undefined;
  const hello = seen.server.serverHello;
  const requested = seen.server.certificateRequested;
  const sent = seen.client.certificates ? seen.client.certificates.length > 0 : Boolean(material.keystore && requested);

  const pacing: Pacing = { pauseMs: request.pauseMs ?? SCAN_PAUSE_MS, deadline };
  const { scan, learned } = await learn(request, seen, Boolean(notTls), pacing);
  const serverView = await request.serverView?.();

  const cipher = CIPHERS.find((c) => c.iana === seen.cipherIana);
  const facts: ProbeFacts = {
    ...base,
    timedOut: seen.timedOut,
    notTls,
    answered: seen.received.length > 0,
    completed: seen.completed && seen.afterFinished !== "alert",
    serverHelloSeen: Boolean(hello && !hello.helloRetry),
    negotiated: { protocol: PROTOCOL_OF[seen.protocol ?? ""], cipher: cipher?.name, cipherIana: seen.cipherIana },
    serverAlert: firstFatalAlert(seen),
    reason: seen.error?.reason,
    verifyError: seen.verifyError,
    identityMismatch: Boolean(seen.identityError),
    chain,
    clientCertificate: {
      requested,
      sent,
      issuer: clientIssuer(material),
      hungUpAfter: requested && sent && !seen.server.alerts.some((a) => a.fatal) && hungUp(seen),
    },
    ...learned,
    serverView,
  };
  const verdict = diagnose(facts);
  const accepted = clientCertificateAccepted(facts, verdict.code);
  return {
    ...verdict,
    target: { ...target, address: dialled.address },
    ...(seen.completed
      ? {
          protocol: facts.negotiated!.protocol,
          cipher: cipher?.name ?? null,
          cipher_iana: seen.cipherIana,
          alpn: seen.alpn ?? null,
          trusted: !seen.verifyError,
        }
      : {}),
    peer_certificates: peerCertificates(ders.slice(0, MAX_CHAIN_CERTIFICATES)),
    ...(ders.length ? { chain_order: orderKnown ? "as_sent" : "rebuilt" } : {}),
    chain_problems: chain.problems,
    client_certificate_requested: requested,
    ...(accepted === undefined ? {} : { client_certificate_accepted: accepted }),
    timings_ms: {
      connect: Math.round(connected - started),
      ...(seen.handshakeMs === undefined ? {} : { handshake: Math.round(seen.handshakeMs) }),
      total: Math.round(performance.now() - started),
    },
    ...(scan ? { scan } : {}),
  };
}
