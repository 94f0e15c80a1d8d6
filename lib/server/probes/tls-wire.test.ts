import { createCipheriv } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { readFlight } from "@/lib/server/probes/flight";
import { expandLabel, RecordOpener } from "@/lib/server/probes/tls13-records";
import { HandshakeStream, parseCertificates, parseServerHello, readRecords } from "@/lib/server/probes/tls-wire";

const hex = (s: string) => Buffer.from(s.replace(/\s/g, ""), "hex");
const record = (type: number, body: Buffer) =>
  Buffer.concat([Buffer.from([type, 3, 3, body.length >> 8, body.length & 0xff]), body]);
const handshake = (type: number, body: Buffer) =>
  Buffer.concat([Buffer.from([type, body.length >> 16, (body.length >> 8) & 0xff, body.length & 0xff]), body]);
const u24 = (n: number) => Buffer.from([n >> 16, (n >> 8) & 0xff, n & 0xff]);

function serverHello(cipher: number, version?: number): Buffer {
  const ext = version ? Buffer.from([0, 43, 0, 2, version >> 8, version & 0xff]) : Buffer.alloc(0);
  return Buffer.concat([
    Buffer.from([3, 3]),
    Buffer.alloc(32, 7),
    Buffer.from([0, cipher >> 8, cipher & 0xff, 0]),
    Buffer.from([ext.length >> 8, ext.length & 0xff]),
    ext,
  ]);
}

describe("TLS wire reading", () => {
  it("HKDF-Expand-Label gives RFC 8448's server handshake key and iv", () => {
    const secret = hex("b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38");
    expect(expandLabel("sha256", secret, "key", 16).toString("hex")).toBe("3fce516009c21727d0f2e4e86ee403bc");
    expect(expandLabel("sha256", secret, "iv", 12).toString("hex")).toBe("5d313eb2671276ee13000b30");
  });

  it("reassembles a handshake message split across records and leaves a partial record out", () => {
    const message = handshake(11, Buffer.alloc(300, 1));
    const stream = Buffer.concat([
      record(22, message.subarray(0, 100)),
      record(22, message.subarray(100)),
      Buffer.from([22, 3, 3, 0]),
    ]);
    const records = readRecords(stream);
    expect(records).toHaveLength(2);
    const hs = new HandshakeStream();
    expect(hs.push(records[0].fragment)).toEqual([]);
    expect(hs.push(records[1].fragment)).toEqual([{ type: 11, body: Buffer.alloc(300, 1) }]);
  });

  it("joins a message sent one byte per record without copying all that came before each byte", () => {
    // A hostile server's 256 KB of one-byte records: quadratic joining copied gigabytes, holding the event loop.
    const message = handshake(11, Buffer.alloc(256 * 1024, 7));
    const hs = new HandshakeStream();
    // Counted, not timed: the bytes joined stay linear in the message (the quadratic version copied ~34 GB).
    const concat = vi.spyOn(Buffer, "concat");
    const cut = [];
    for (let at = 0; at < message.length; at++) cut.push(...hs.push(message.subarray(at, at + 1)));
    const copied = concat.mock.results.reduce((sum, r) => sum + (r.value as Buffer).length, 0);
    concat.mockRestore();
    expect(copied).toBeLessThan(2 * message.length);
    expect(cut.map((m) => [m.type, m.body.equals(Buffer.alloc(256 * 1024, 7))])).toEqual([[11, true]]);
    const [first, second] = [handshake(2, Buffer.alloc(5, 1)), handshake(14, Buffer.alloc(0))];
    expect(hs.push(Buffer.concat([first, second.subarray(0, 2)]))).toEqual([{ type: 2, body: Buffer.alloc(5, 1) }]);
    expect(hs.push(second.subarray(2))).toEqual([{ type: 14, body: Buffer.alloc(0) }]);
  });

  it("reads the chosen version from supported_versions, and refuses truncated messages", () => {
    expect(parseServerHello(serverHello(0x1301, 0x0304))).toEqual({
      version: 0x0304,
      cipherSuite: 0x1301,
      helloRetry: false,
    });
    expect(parseServerHello(serverHello(0xc02f))).toEqual({ version: 0x0303, cipherSuite: 0xc02f, helloRetry: false });
    expect(parseServerHello(serverHello(0xc02f).subarray(0, 20))).toBeNull();
    expect(parseCertificates(Buffer.from([0, 0, 9, 0, 0, 5, 1]), false)).toBeNull();
  });

  it("opens TLS 1.3 records under the handshake secret, then the application secret after Finished", () => {
    const hsSecret = Buffer.alloc(32, 1);
    const appSecret = Buffer.alloc(32, 2);
    const seal = (secret: Buffer, sequence: number, type: number, content: Buffer) => {
      const key = expandLabel("sha256", secret, "key", 16);
      const nonce = expandLabel("sha256", secret, "iv", 12);
      nonce[11] ^= sequence;
      const inner = Buffer.concat([content, Buffer.from([type, 0, 0])]);
      const header = Buffer.from([23, 3, 3, (inner.length + 16) >> 8, (inner.length + 16) & 0xff]);
      const cipher = createCipheriv("aes-128-gcm", key, nonce).setAAD(header);
      const sealed = Buffer.concat([cipher.update(inner), cipher.final(), cipher.getAuthTag()]);
      return Buffer.concat([header, sealed]);
    };
    const der = Buffer.from([0x30, 0x03, 0x02, 0x01, 0x01]);
    const certificate = Buffer.concat([
      Buffer.from([0]),
      u24(der.length + 5),
      u24(der.length),
      der,
      Buffer.from([0, 0]),
    ]);
    const wire = Buffer.concat([
      record(22, handshake(2, serverHello(0x1301, 0x0304))),
      record(20, Buffer.from([1])),
      seal(hsSecret, 0, 22, Buffer.concat([handshake(8, Buffer.from([0, 0])), handshake(13, Buffer.from([0, 0, 0]))])),
      seal(hsSecret, 1, 22, Buffer.concat([handshake(11, certificate), handshake(20, Buffer.alloc(32))])),
      seal(appSecret, 0, 21, Buffer.from([2, 48])),
    ]);
    const flight = readFlight(wire, { handshake: hsSecret, application: appSecret });
    expect(flight).toMatchObject({
      certificateRequested: true,
      sealed: false,
      alerts: [{ fatal: true, description: 48 }],
    });
    expect(flight.certificates).toEqual([der]);
    const blind = readFlight(wire, {});
    expect(blind).toMatchObject({ certificates: null, certificateRequested: false, sealed: true });
    expect(RecordOpener.for(0xc02f, hsSecret)).toBeNull();
  });
});
