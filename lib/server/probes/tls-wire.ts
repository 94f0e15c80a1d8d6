import "server-only";

/**
 * The few pieces of the TLS wire format (RFC 5246, RFC 8446) a probe reads from its own connection: records,
 * handshake messages reassembled across records, ServerHello, Certificate, alerts. Every read is bounds-checked and
 * a malformed message yields null rather than an exception: the bytes come from whatever the user pointed us at.
 */
export const CONTENT = { changeCipherSpec: 20, alert: 21, handshake: 22, applicationData: 23 } as const;
export const HANDSHAKE = {
  clientHello: 1,
  serverHello: 2,
  newSessionTicket: 4,
  encryptedExtensions: 8,
  certificate: 11,
  certificateRequest: 13,
  finished: 20,
} as const;
export const TLS13 = 0x0304;

interface TlsRecord {
  type: number;
  /** The 5-byte header: TLS 1.3's additional authenticated data. */
  header: Buffer;
  fragment: Buffer;
}

/** Whether a stream starts like a TLS record (a content type 20–23, then major version 3). */
export function looksLikeTls(bytes: Buffer): boolean {
  return bytes.length >= 3 && bytes[0] >= 20 && bytes[0] <= 23 && bytes[1] === 3 && bytes[2] <= 4;
}

/** Splits a byte stream into whole records; a partial last record is left out. */
export function readRecords(bytes: Buffer): TlsRecord[] {
  const records: TlsRecord[] = [];
  let at = 0;
  while (at + 5 <= bytes.length && looksLikeTls(bytes.subarray(at, at + 3))) {
    const length = bytes.readUInt16BE(at + 3);
    if (at + 5 + length > bytes.length) break;
    records.push({
      type: bytes[at],
      header: bytes.subarray(at, at + 5),
      fragment: bytes.subarray(at + 5, at + 5 + length),
    });
    at += 5 + length;
  }
  return records;
}

interface HandshakeMessage {
  type: number;
  body: Buffer;
}

/**
 * Handshake messages may span records (a long chain) or share one: this joins fragments and cuts messages. Fragments
 * are joined only once enough have come for the next header or message: a server that splits a long message into
 * one-byte records would otherwise make every record copy all that came before it.
 */
export class HandshakeStream {
  private parts: Buffer[] = [];
  private size = 0;
  /** Bytes needed before anything can be cut: a header, then the whole message it announces. */
  private needed = 4;

  push(fragment: Buffer): HandshakeMessage[] {
    this.parts.push(fragment);
    this.size += fragment.length;
    const messages: HandshakeMessage[] = [];
    if (this.size < this.needed) return messages;
    let pending = Buffer.concat(this.parts, this.size);
    this.needed = 4;
    while (pending.length >= 4) {
      const length = pending.readUIntBE(1, 3);
      if (pending.length < 4 + length) {
        this.needed = 4 + length;
        break;
      }
      messages.push({ type: pending[0], body: pending.subarray(4, 4 + length) });
      pending = pending.subarray(4 + length);
    }
    this.parts = pending.length ? [pending] : [];
    this.size = pending.length;
    return messages;
  }
}

/** A bounds-checked reader over one message body. */
class Cursor {
  at = 0;
  constructor(private readonly buf: Buffer) {}
  get left() {
    return this.buf.length - this.at;
  }
  take(n: number): Buffer | null {
    if (n < 0 || this.at + n > this.buf.length) return null;
    const out = this.buf.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
  uint(bytes: 1 | 2 | 3): number | null {
    const b = this.take(bytes);
    return b ? b.readUIntBE(0, bytes) : null;
  }
  vector(lengthBytes: 1 | 2 | 3): Buffer | null {
    const n = this.uint(lengthBytes);
    return n === null ? null : this.take(n);
  }
}

// RFC 8446 §4.1.3: a ServerHello with this random is a HelloRetryRequest.
const HELLO_RETRY_RANDOM = Buffer.from("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c", "hex");

export interface ServerHello {
  /** The version chosen: supported_versions when present (TLS 1.3), else the legacy field. */
  version: number;
  cipherSuite: number;
  helloRetry: boolean;
}

export function parseServerHello(body: Buffer): ServerHello | null {
  const c = new Cursor(body);
  const legacy = c.uint(2);
  const random = c.take(32);
  const session = c.vector(1);
  const cipherSuite = c.uint(2);
  const compression = c.uint(1);
  if (legacy === null || !random || !session || cipherSuite === null || compression === null) return null;
  let version = legacy;
  const extensions = c.left >= 2 ? c.vector(2) : Buffer.alloc(0);
  if (!extensions) return null;
  const e = new Cursor(extensions);
  while (e.left >= 4) {
    const type = e.uint(2);
    const data = e.vector(2);
    if (!data) return null;
    if (type === 43 && data.length === 2) version = data.readUInt16BE(0);
  }
  return { version, cipherSuite, helloRetry: random.equals(HELLO_RETRY_RANDOM) };
}

/** The DER certificates of a Certificate message, in the order sent. TLS 1.3 adds a context and per-entry extensions. */
export function parseCertificates(body: Buffer, tls13: boolean): Buffer[] | null {
  const c = new Cursor(body);
  if (tls13 && !c.vector(1)) return null;
  const list = c.vector(3);
  if (!list) return null;
  const l = new Cursor(list);
  const certificates: Buffer[] = [];
  while (l.left > 0) {
    const der = l.vector(3);
    if (!der || (tls13 && !l.vector(2))) return null;
    certificates.push(der);
  }
  return certificates;
}

export interface Alert {
  fatal: boolean;
  description: number;
}

export function parseAlerts(fragment: Buffer): Alert[] {
  const alerts: Alert[] = [];
  for (let at = 0; at + 2 <= fragment.length; at += 2) {
    alerts.push({ fatal: fragment[at] === 2, description: fragment[at + 1] });
  }
  return alerts;
}

/** RFC 8446 §6 and RFC 5246 §7.2: the alert descriptions, as their RFC names. */
const ALERT_NAMES: Record<number, string> = {
  0: "close_notify",
  10: "unexpected_message",
  20: "bad_record_mac",
  22: "record_overflow",
  40: "handshake_failure",
  42: "bad_certificate",
  43: "unsupported_certificate",
  44: "certificate_revoked",
  45: "certificate_expired",
  46: "certificate_unknown",
  47: "illegal_parameter",
  48: "unknown_ca",
  49: "access_denied",
  50: "decode_error",
  51: "decrypt_error",
  70: "protocol_version",
  71: "insufficient_security",
  80: "internal_error",
  86: "inappropriate_fallback",
  90: "user_canceled",
  100: "no_renegotiation",
  109: "missing_extension",
  110: "unsupported_extension",
  112: "unrecognized_name",
  113: "bad_certificate_status_response",
  115: "unknown_psk_identity",
  116: "certificate_required",
  120: "no_application_protocol",
};

export function alertName(description: number): string {
  return ALERT_NAMES[description] ?? `alert ${description}`;
}
