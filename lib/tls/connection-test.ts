import { z } from "zod";
import type { CipherName } from "./ciphers";
import type { TlsProtocol } from "./protocols";
import { wholeNumber } from "./whole-number";
import type { CertificateDto } from "./store-dto";

/**
 * "Test connection" (a client profile against a live endpoint) and "Check with a client profile" (a server profile
 * on a loopback listener): what goes in and what comes back. Client-safe: the forms, the REST face and the stored
 * history all use these shapes. A result never holds key material, only public certificates and words.
 */
export const PROBE_CODES = [
  "dns_failed",
  "refused",
  "unreachable",
  "timeout",
  "denied",
  "protocol_mismatch",
  "no_shared_cipher",
  "unknown_ca",
  "hostname_mismatch",
  "certificate_expired",
  "certificate_not_yet_valid",
  "incomplete_chain",
  "client_certificate_required",
  "client_certificate_rejected",
  "unrecognized_name",
  "not_tls",
  "handshake_failed",
] as const;
export type ProbeCode = (typeof PROBE_CODES)[number];

const HOST = /^[\p{L}\p{M}\p{N}._:[\]-]+$/u;

export const ZConnectionTestInput = z.strictObject({
  host: z
    .string()
    .trim()
    .min(1, "Enter the host name or IP address to connect to.")
    .max(253, "A host name is at most 253 characters.")
    .regex(HOST, "Enter only the host name or IP address, without https:// or a path."),
  port: wholeNumber(
    z
      .number({ error: "Enter a port number." })
      .int("The port is a whole number.")
      .min(1, "The port is between 1 and 65535.")
      .max(65535, "The port is between 1 and 65535."),
  ).default(443),
  /** Sent as SNI and checked against the certificate instead of `host` (a gateway reached by address). */
  server_name: z
    .string()
    .trim()
    .max(253, "A server name is at most 253 characters.")
    .regex(/^$|^[\p{L}\p{M}\p{N}._-]+$/u, "A server name is a host name, such as api.example.com.")
    .optional()
    .transform((v) => v || undefined),
  scan: z.boolean().default(false),
});
export type ConnectionTestInput = z.output<typeof ZConnectionTestInput>;

export const ZServerCheckInput = z.strictObject({
  /** The client profile's `url` from the REST API, or `name:version` / `name` (latest version) from the form. */
  client_profile_url: z.string().trim().min(1, "Choose the client profile to connect with.").max(2048),
  /** The name the client verifies; defaults to the first DNS name of the server profile's certificate. */
  server_name: ZConnectionTestInput.shape.server_name,
});
export type ServerCheckInput = z.output<typeof ZServerCheckInput>;

/** One certificate the server sent, in the order it sent them (0 = the leaf it presented). */
export interface PeerCertificateDto extends CertificateDto {
  position: number;
}

type ChainProblemCode =
  | "wrong_order"
  | "missing_intermediate"
  | "unrelated_certificate"
  | "hostname_mismatch"
  | "expired"
  | "not_yet_valid"
  | "untrusted"
  | "too_many_certificates";

export interface ChainProblem {
  code: ChainProblemCode;
  message: string;
  /** The certificate it is about (its position in peer_certificates), when it is about one. */
  position?: number;
}

export interface ScanDto {
  protocols: { protocol: TlsProtocol; server_accepts: boolean; profile_allows: boolean }[];
  /** Every catalogue suite: whether the server chose it when offered alone, and whether the profile selects it. */
  ciphers: { name: CipherName; iana: string; server_accepts: boolean; profile_selects: boolean }[];
  /** What would make profile and server meet, in words; null when they already do. */
  suggestion: string | null;
  duration_ms: number;
  /** The scan ran out of time: entries it did not reach are reported as not accepted. */
  timed_out?: boolean;
}

export interface ConnectionTestResult {
  ok: boolean;
  code?: ProbeCode;
  /** What happened, in one or two plain sentences. */
  message: string;
  /** What to change, when something failed or looks wrong. */
  fix?: string;
  /** For a refusal by the outbound guard ("denied"): the input that caused it. */
  field?: "host" | "port";
  target: { host: string; port: number; server_name: string | null; address?: string };
  protocol?: TlsProtocol;
  cipher?: CipherName | null;
  cipher_iana?: string;
  alpn?: string | null;
  peer_certificates: PeerCertificateDto[];
  /** "as_sent": read from the wire; "rebuilt": OpenSSL's verified order (the wire could not be read), order unknown. */
  chain_order?: "as_sent" | "rebuilt";
  chain_problems: ChainProblem[];
  /** Whether the chain verifies against the profile's truststore (or Node's roots when it has none). */
  trusted?: boolean;
  client_certificate_requested: boolean;
  client_certificate_accepted?: boolean;
  timings_ms: { dns?: number; connect?: number; handshake?: number; total: number };
  scan?: ScanDto;
}

/** One kept result (the last 20 per profile), as listed on the profile page and by REST. */
export interface ConnectionTestRecord {
  id: string;
  at: string;
  actor: string;
  /** "host:port" for a client profile's test; "client profile name:version" for a server profile's check. */
  target: string;
  ok: boolean;
  code: ProbeCode | null;
  message: string;
  result: ConnectionTestResult;
}
