import "server-only";
import { createDecipheriv, createHmac } from "node:crypto";

/**
 * TLS 1.3 hides the server's Certificate and CertificateRequest (and any later alert) inside AEAD records. Our own
 * client logs its traffic secrets (the TLSSocket 'keylog' event); with them we derive the record keys (RFC 8446
 * §7.1, §7.3) and open the records we received. The secrets live only as long as one probe and are never returned.
 */
interface Aead {
  hash: "sha256" | "sha384";
  cipher: "aes-128-gcm" | "aes-256-gcm" | "chacha20-poly1305" | "aes-128-ccm";
  keyLength: number;
  tagLength: number;
}

const AEADS: Record<number, Aead> = {
  0x1301: { hash: "sha256", cipher: "aes-128-gcm", keyLength: 16, tagLength: 16 },
  0x1302: { hash: "sha384", cipher: "aes-256-gcm", keyLength: 32, tagLength: 16 },
  0x1303: { hash: "sha256", cipher: "chacha20-poly1305", keyLength: 32, tagLength: 16 },
  0x1304: { hash: "sha256", cipher: "aes-128-ccm", keyLength: 16, tagLength: 16 },
  0x1305: { hash: "sha256", cipher: "aes-128-ccm", keyLength: 16, tagLength: 8 },
};

function hkdfExpand(hash: Aead["hash"], secret: Buffer, info: Buffer, length: number): Buffer {
  const blocks: Buffer[] = [];
  let previous = Buffer.alloc(0);
  for (let i = 1; Buffer.concat(blocks).length < length; i++) {
    previous = createHmac(hash, secret)
      .update(Buffer.concat([previous, info, Buffer.from([i])]))
      .digest();
    blocks.push(previous);
  }
  return Buffer.concat(blocks).subarray(0, length);
}

/** HKDF-Expand-Label(secret, label, "", length), RFC 8446 §7.1. */
export function expandLabel(hash: Aead["hash"], secret: Buffer, label: string, length: number): Buffer {
  const full = Buffer.from(`tls13 ${label}`, "ascii");
  const info = Buffer.concat([Buffer.from([length >> 8, length & 0xff, full.length]), full, Buffer.from([0])]);
  return hkdfExpand(hash, secret, info, length);
}

interface OpenedRecord {
  /** The inner content type (RFC 8446 §5.2). */
  type: number;
  content: Buffer;
}

/** Opens one direction's protected records under one traffic secret, counting sequence numbers from 0. */
export class RecordOpener {
  private readonly key: Buffer;
  private readonly iv: Buffer;
  private sequence = 0n;

  private constructor(
    private readonly aead: Aead,
    secret: Buffer,
  ) {
    this.key = expandLabel(aead.hash, secret, "key", aead.keyLength);
    this.iv = expandLabel(aead.hash, secret, "iv", 12);
  }

  /** Null when the suite is not one of the five TLS 1.3 suites. */
  static for(cipherSuite: number, secret: Buffer): RecordOpener | null {
    const aead = AEADS[cipherSuite];
    return aead ? new RecordOpener(aead, secret) : null;
  }

  /** The record's inner content, or null when it does not authenticate (wrong key or not for this phase). */
  open(header: Buffer, fragment: Buffer): OpenedRecord | null {
    const { cipher, keyLength, tagLength } = this.aead;
    if (fragment.length < tagLength + 1) return null;
    const nonce = Buffer.from(this.iv);
    const seq = Buffer.alloc(8);
    seq.writeBigUInt64BE(this.sequence);
    for (let i = 0; i < 8; i++) nonce[4 + i] ^= seq[i];
    const sealed = fragment.subarray(0, fragment.length - tagLength);
    const tag = fragment.subarray(fragment.length - tagLength);
    let plain: Buffer;
    try {
      if (cipher === "aes-128-ccm") {
        const decipher = createDecipheriv(cipher, this.key.subarray(0, keyLength), nonce, { authTagLength: tagLength });
        decipher.setAuthTag(tag);
        decipher.setAAD(header, { plaintextLength: sealed.length });
        plain = decipher.update(sealed);
        decipher.final();
      } else {
        const decipher = createDecipheriv(cipher as "aes-128-gcm", this.key, nonce, { authTagLength: tagLength });
        decipher.setAAD(header);
        decipher.setAuthTag(tag);
        plain = Buffer.concat([decipher.update(sealed), decipher.final()]);
      }
    } catch {
      return null;
    }
    this.sequence++;
    // TLSInnerPlaintext: content, the real type, then zero padding.
    let end = plain.length - 1;
    while (end >= 0 && plain[end] === 0) end--;
    if (end < 0) return null;
    return { type: plain[end], content: plain.subarray(0, end) };
  }
}
