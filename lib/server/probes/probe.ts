import "server-only";
import type { Socket } from "node:net";
import { checkServerIdentity, connect as tlsConnect, type TLSSocket } from "node:tls";
import { X509Certificate } from "node:crypto";
import { parseCertificate } from "@/lib/crypto/certificate";
import { guardedConnect } from "@/lib/server/outbound/guarded-connect";
import { type Lookup, OutboundRefused } from "@/lib/server/outbound/destination";
import { clientTlsOptions, type ClientProfileTls, type TlsMaterial } from "@/lib/server/profiles/node-tls-options";
import { CIPHERS } from "@/lib/tls/ciphers";
import type { ConnectionTestResult, PeerCertificateDto, ProbeCode } from "@/lib/tls/connection-test";
import type { TlsProtocol } from "@/lib/tls/protocols";

/** How a probe gets its TCP connection: through the outbound guard, or straight to a loopback listener we own. */
export type Dial = (timeoutMs: number) => Promise<{ socket: Socket; address: string }>;

export const PROBE_TIMEOUT_MS = 10_000;

/** The guarded way out (ADR 020): DNS pinned, deny list applied, deadline on DNS + connect. */
export function guardedDial(host: string, port: number, lookup?: Lookup): Dial {
  return async (timeoutMs) => {
    const socket = await guardedConnect(host, port, { timeoutMs, lookup });
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
}

const PROTOCOL_OF: Record<string, TlsProtocol> = {
  TLSv1: "tls_v1.0",
  "TLSv1.1": "tls_v1.1",
  "TLSv1.2": "tls_v1.2",
  "TLSv1.3": "tls_v1.3",
};

function peerCertificates(socket: TLSSocket): PeerCertificateDto[] {
  const out: PeerCertificateDto[] = [];
  let cert = socket.getPeerCertificate(true);
  const seen = new Set<string>();
  while (cert?.raw && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    const { info } = parseCertificate(new X509Certificate(cert.raw).raw, "peer certificate");
    out.push({
      position: out.length,
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
    });
    cert = cert.issuerCertificate;
  }
  return out;
}

function failureCode(error: unknown): ProbeCode {
  if (error instanceof OutboundRefused) {
    if (error.code === "DNS_FAILED") return "dns_failed";
    if (error.code === "TIMEOUT") return "timeout";
    if (error.code === "DENIED_ADDRESS" || error.code === "BAD_URL") return "denied";
    if ((error.cause as NodeJS.ErrnoException | undefined)?.code === "ECONNREFUSED") return "refused";
  }
  return "handshake_failed";
}

/** One handshake with exactly the profile's options; the chain is judged after, so it is reported either way. */
export async function probe(request: ProbeRequest): Promise<ConnectionTestResult> {
  const started = performance.now();
  const timeoutMs = request.timeoutMs ?? PROBE_TIMEOUT_MS;
  const name = request.serverName ?? request.host;
  const target = { host: request.host, port: request.port, server_name: request.serverName ?? null };
  const base = { target, peer_certificates: [], chain_problems: [], client_certificate_requested: false };
  let dialled: { socket: Socket; address: string };
  try {
    dialled = await request.dial(timeoutMs);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ...base,
      ok: false,
      code: failureCode(error),
      message,
      timings_ms: { total: performance.now() - started },
    };
  }
  const connected = performance.now();
  const options = clientTlsOptions(request.profile, request.material, name);
  const socket = tlsConnect({ ...options, socket: dialled.socket, rejectUnauthorized: false });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new OutboundRefused("TIMEOUT", "The handshake did not finish in time.")),
        timeoutMs,
      );
      socket.once("secureConnect", () => (clearTimeout(timer), resolve()));
      socket.once("error", (e) => (clearTimeout(timer), reject(e)));
    });
    const handshaken = performance.now();
    const standard = socket.getCipher().standardName;
    const cipher = CIPHERS.find((c) => c.iana === standard);
    const identityError = checkServerIdentity(name, socket.getPeerCertificate());
    const verifyError = socket.authorizationError;
    const trusted = !verifyError;
    const insecure = request.profile.insecure_server_connections;
    const ok = insecure || (trusted && !identityError);
    return {
      ...base,
      ok,
      ...(ok ? {} : { code: identityError && trusted ? "hostname_mismatch" : "unknown_ca" }),
      message: ok
        ? `Connected with ${socket.getProtocol()} and ${standard}.`
        : String((identityError ?? verifyError)?.message ?? verifyError),
      target: { ...target, address: dialled.address },
      protocol: PROTOCOL_OF[socket.getProtocol() ?? ""],
      cipher: cipher?.name ?? null,
      cipher_iana: standard,
      alpn: socket.alpnProtocol || null,
      peer_certificates: peerCertificates(socket),
      trusted,
      timings_ms: { connect: connected - started, handshake: handshaken - connected, total: handshaken - started },
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ...base,
      ok: false,
      code: failureCode(error),
      message,
      timings_ms: { total: performance.now() - started },
    };
  } finally {
    socket.destroy();
  }
}
