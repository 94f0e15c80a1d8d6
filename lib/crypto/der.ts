import { ImportError, unparseable } from "./import-error";

/**
 * One DER element: `bytes` is its value, `raw` the whole element including the header, `depth` how many
 * structures enclose it in the buffer it was read from (so every nested read is bounded, not only the first).
 */
export interface Der {
  tag: number;
  constructed: boolean;
  bytes: Buffer;
  raw: Buffer;
  depth: number;
}

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8: 0x0c,
  SEQUENCE: 0x30,
  SET: 0x31,
  PRINTABLE: 0x13,
  IA5: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  BMP: 0x1e,
} as const;

// Bounds nesting so a crafted file cannot exhaust the stack.
const MAX_DEPTH = 64;

/** Reads the element at `offset`; refuses indefinite lengths, truncation and over-long length fields. */
function readElement(buf: Buffer, offset: number, part: string, depth = 0): { el: Der; next: number } {
  if (offset + 2 > buf.length) throw unparseable(part, "ends early");
  const tag = buf[offset];
  if ((tag & 0x1f) === 0x1f) throw unparseable(part, "uses an unsupported tag form");
  let len = buf[offset + 1];
  let header = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw unparseable(part, "has an unsupported length encoding");
    if (offset + 2 + n > buf.length) throw unparseable(part, "ends early");
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[offset + 2 + i];
    header += n;
  }
  const end = offset + header + len;
  if (end > buf.length) throw unparseable(part, "ends early");
  return {
    el: {
      tag,
      constructed: (tag & 0x20) !== 0,
      bytes: buf.subarray(offset + header, end),
      raw: buf.subarray(offset, end),
      depth,
    },
    next: end,
  };
}

/** Parses a buffer that must hold exactly one element. */
export function parseDer(buf: Buffer, part: string): Der {
  const { el, next } = readElement(buf, 0, part);
  if (next !== buf.length) throw unparseable(part, "has trailing bytes");
  return el;
}

export function children(el: Der, part: string): Der[] {
  if (el.depth >= MAX_DEPTH) throw unparseable(part, "is nested too deeply");
  if (!el.constructed) throw unparseable(part, "has a primitive where a structure was expected");
  const out: Der[] = [];
  let offset = 0;
  while (offset < el.bytes.length) {
    const { el: child, next } = readElement(el.bytes, offset, part, el.depth + 1);
    out.push(child);
    offset = next;
  }
  return out;
}

/** The children of a SEQUENCE that must have at least `min` of them. */
export function seqOf(el: Der | undefined, part: string, min = 0, tag: number = TAG.SEQUENCE): Der[] {
  if (!el || el.tag !== tag) throw unparseable(part, "does not have the expected structure");
  const kids = children(el, part);
  if (kids.length < min) throw unparseable(part, "is missing fields");
  return kids;
}

export function expectTag(el: Der | undefined, tag: number, part: string): Der {
  if (!el || el.tag !== tag) throw unparseable(part, "does not have the expected structure");
  return el;
}

export function oidOf(el: Der | undefined, part: string): string {
  const b = expectTag(el, TAG.OID, part).bytes;
  if (b.length === 0 || b.length > 64) throw unparseable(part, "has a malformed object identifier");
  const arcs: number[] = [];
  let value = 0;
  for (const byte of b) {
    value = value * 128 + (byte & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 128) throw unparseable(part, "has a malformed object identifier");
    if (!(byte & 0x80)) {
      arcs.push(value);
      value = 0;
    }
  }
  const first = arcs[0] < 80 ? Math.floor(arcs[0] / 40) : 2;
  return [first, arcs[0] - first * 40, ...arcs.slice(1)].join(".");
}

/** A small non-negative INTEGER (iteration counts, versions, key lengths). */
export function smallIntOf(el: Der | undefined, part: string, max = 10_000_000): number {
  const b = expectTag(el, TAG.INTEGER, part).bytes;
  if (b.length === 0 || b.length > 6 || b[0] & 0x80) throw unparseable(part, "has an out-of-range number");
  const n = b.readUIntBE(0, b.length);
  if (n > max) throw new ImportError("UNSUPPORTED", `The ${part} asks for ${n}, more than the ${max} allowed.`, part);
  return n;
}

/** The content of a [n] EXPLICIT wrapper. */
export function explicit(el: Der | undefined, n: number, part: string): Der {
  if (!el || el.tag !== (0xa0 | n)) throw unparseable(part, "does not have the expected structure");
  const kids = children(el, part);
  if (kids.length !== 1) throw unparseable(part, "does not have the expected structure");
  return kids[0];
}

// ---- encoding, used to build certificates for the defaults and for tests ----

function lengthBytes(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function encode(tag: number, value: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), lengthBytes(value.length), value]);
}

export const seq = (...items: Buffer[]) => encode(TAG.SEQUENCE, Buffer.concat(items));
export const set = (...items: Buffer[]) => encode(TAG.SET, Buffer.concat(items));
export const octets = (b: Buffer) => encode(TAG.OCTET_STRING, b);
export const bitString = (b: Buffer) => encode(TAG.BIT_STRING, Buffer.concat([Buffer.from([0]), b]));
export const utf8 = (s: string) => encode(TAG.UTF8, Buffer.from(s, "utf8"));
export const bool = (v: boolean) => encode(TAG.BOOLEAN, Buffer.from([v ? 0xff : 0]));
export const nullValue = () => Buffer.from([TAG.NULL, 0]);
export const ctx = (n: number, value: Buffer, constructed = true) => encode((constructed ? 0xa0 : 0x80) | n, value);

export function uint(value: Buffer | number): Buffer {
  let b = typeof value === "number" ? Buffer.from([value]) : value;
  if (typeof value === "number" && value > 255) {
    const bytes: number[] = [];
    for (let v = value; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
    b = Buffer.from(bytes);
  }
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  b = b.subarray(i);
  if (b[0] & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return encode(TAG.INTEGER, b);
}

export function oid(dotted: string): Buffer {
  const arcs = dotted.split(".").map(Number);
  const out: number[] = [arcs[0] * 40 + arcs[1]];
  for (const arc of arcs.slice(2)) {
    const chunk: number[] = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return encode(TAG.OID, Buffer.from(out));
}

export function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, "").slice(0, 14) + "Z";
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050
    ? encode(TAG.UTC_TIME, Buffer.from(iso.slice(2), "ascii"))
    : encode(TAG.GENERALIZED_TIME, Buffer.from(iso, "ascii"));
}
