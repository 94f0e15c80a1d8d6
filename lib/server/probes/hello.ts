import "server-only";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { isIP, type Socket } from "node:net";
import { CIPHERS, type CipherName } from "@/lib/tls/ciphers";
import table from "@/lib/tls/openssl-ciphers.json";
import type { TlsProtocol } from "@/lib/tls/protocols";
import {
  type Alert,
  CONTENT,
  HANDSHAKE,
  HandshakeStream,
  looksLikeTls,
  parseAlerts,
  parseServerHello,
  readRecords,
} from "@/lib/server/probes/tls-wire";

/**
 * "Would the server pick this?" needs only the server's first answer, so follow-ups and the scan send a ClientHello
 * of our own and hang up after the ServerHello: no keys are computed, no certificate is checked, and any catalogue
 * suite can be offered — also those this machine's OpenSSL no longer builds (3DES) or offers only when told to
 * (CCM, TLS 1.0 and 1.1 below security level 0).
 */
const CODE_OF_IANA = new Map(table.suites.map((s) => [s.iana, parseInt(s.code.replace(/0x|,/g, ""), 16)]));

export const SUITE_CODE: ReadonlyMap<CipherName, number> = new Map(
  CIPHERS.map((c) => [c.name, CODE_OF_IANA.get(c.iana)!]),
);
const NAME_OF_CODE = new Map([...SUITE_CODE].map(([name, code]) => [code, name]));

export function suiteName(code: number): CipherName | undefined {
  return NAME_OF_CODE.get(code);
}

export const WIRE_VERSION: Record<TlsProtocol, number> = {
  "tls_v1.0": 0x0301,
  "tls_v1.1": 0x0302,
  "tls_v1.2": 0x0303,
  "tls_v1.3": 0x0304,
};

const u8 = (n: number) => Buffer.from([n]);
const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const u24 = (n: number) => Buffer.from([n >> 16, (n >> 8) & 0xff, n & 0xff]);
const vec16 = (b: Buffer) => Buffer.concat([u16(b.length), b]);
const extension = (type: number, data: Buffer) => Buffer.concat([u16(type), vec16(data)]);
const list16 = (values: number[]) => Buffer.concat(values.map(u16));

// x25519, P-256, P-384, P-521, ffdhe2048, ffdhe3072.
const GROUPS = [0x001d, 0x0017, 0x0018, 0x0019, 0x0100, 0x0101];
// ECDSA, Ed25519/Ed448, RSA-PSS, RSA PKCS#1 (SHA-2, then SHA-1 for TLS 1.0–1.2 servers), DSA for DHE_DSS.
const SIGNATURE_SCHEMES = [
  0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806, 0x0809, 0x080a, 0x080b, 0x0401, 0x0501, 0x0601,
  0x0201, 0x0203, 0x0402, 0x0202,
];

export interface HelloOffer {
  protocol: TlsProtocol;
  suites: number[];
  /** Sent as SNI when given (a host name, never an address). */
  serverName?: string;
}

function clientHello(offer: HelloOffer): Buffer {
  const tls13 = offer.protocol === "tls_v1.3";
  const extensions = [
    ...(offer.serverName && !isIP(offer.serverName)
      ? [extension(0, vec16(Buffer.concat([u8(0), vec16(Buffer.from(offer.serverName, "ascii"))])))]
      : []),
    extension(10, vec16(list16(GROUPS))),
    extension(11, Buffer.from([1, 0])),
    extension(13, vec16(list16(SIGNATURE_SCHEMES))),
    extension(23, Buffer.alloc(0)),
    extension(0xff01, Buffer.from([0])),
  ];
  if (tls13) {
    const key = generateKeyPairSync("x25519").publicKey.export({ format: "der", type: "spki" }).subarray(-32);
    extensions.push(
      extension(43, Buffer.concat([u8(2), u16(0x0304)])),
      extension(51, vec16(Buffer.concat([u16(0x001d), vec16(key)]))),
      extension(45, Buffer.from([1, 1])),
    );
  }
  const body = Buffer.concat([
    u16(tls13 ? 0x0303 : WIRE_VERSION[offer.protocol]),
    randomBytes(32),
    Buffer.concat([u8(32), randomBytes(32)]),
    vec16(list16(offer.suites)),
    Buffer.from([1, 0]),
    vec16(Buffer.concat(extensions)),
  ]);
  const handshake = Buffer.concat([u8(HANDSHAKE.clientHello), u24(body.length), body]);
  return Buffer.concat([Buffer.from([CONTENT.handshake, 3, 1]), u16(handshake.length), handshake]);
}

export type HelloAnswer =
  | { kind: "hello"; version: number; cipherSuite: number }
  | { kind: "alert"; alert: Alert }
  | { kind: "not_tls"; bytes: Buffer }
  | { kind: "closed" }
  | { kind: "timeout" };

/** Reads the server's answer to our ClientHello from the start of what it sent; null while it is incomplete. */
export function answerOf(received: Buffer): HelloAnswer | null {
  if (received.length >= 3 && !looksLikeTls(received)) return { kind: "not_tls", bytes: received };
  const stream = new HandshakeStream();
  for (const record of readRecords(received)) {
    if (record.type === CONTENT.alert) {
      const [alert] = parseAlerts(record.fragment);
      if (alert) return { kind: "alert", alert };
    }
    if (record.type !== CONTENT.handshake) continue;
    for (const message of stream.push(record.fragment)) {
      if (message.type !== HANDSHAKE.serverHello) continue;
      const hello = parseServerHello(message.body);
      if (hello) return { kind: "hello", version: hello.version, cipherSuite: hello.cipherSuite };
    }
  }
  return null;
}

/**
 * The server's answer comes first and is small (a ServerHello is well under 1 KB, an alert 7 bytes). A server that
 * sends this much without either is not answering: reading on would let it stream records at us until the timeout,
 * each chunk re-read from the start.
 */
const MAX_ANSWER_BYTES = 64 * 1024;

/** Sends one ClientHello on a fresh connection and waits for the ServerHello (or refusal); always hangs up. */
export function offerHello(socket: Socket, offer: HelloOffer, timeoutMs: number): Promise<HelloAnswer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (answer: HelloAnswer) => {
      clearTimeout(timer);
      socket.removeAllListeners("data");
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => finish({ kind: "timeout" }), timeoutMs);
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      const received = Buffer.concat(chunks, size).subarray(0, MAX_ANSWER_BYTES);
      const answer = answerOf(received);
      if (answer) finish(answer);
      else if (size >= MAX_ANSWER_BYTES) finish({ kind: "closed" });
    });
    socket.once("error", () => finish({ kind: "closed" }));
    socket.once("close", () => finish(answerOf(Buffer.concat(chunks)) ?? { kind: "closed" }));
    socket.write(clientHello(offer));
  });
}
