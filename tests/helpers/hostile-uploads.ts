import { createCipheriv, createHmac, type KeyObject, pbkdf2Sync } from "node:crypto";
import { ctx, nullValue, octets, oid, seq, uint } from "@/lib/crypto/der";
import { OID } from "@/lib/crypto/oids";
import { toPem } from "@/lib/crypto/pem";

/** Crafted uploads that ask for too much work, built with our own DER writer. */

const HMAC_SHA256 = "1.2.840.113549.2.9";
const AES_256_CBC = "2.16.840.1.101.3.4.1.42";
const SALT = Buffer.alloc(16, 7);
const IV = Buffer.alloc(16, 9);
const derived = new Map<string, Buffer>();

function pbkdf2Params(iterations: number, keyLength?: number) {
  return seq(
    oid(OID.pbkdf2),
    seq(octets(SALT), uint(iterations), ...(keyLength ? [uint(keyLength)] : []), seq(oid(HMAC_SHA256), nullValue())),
  );
}

/**
 * RFC 5958 EncryptedPrivateKeyInfo under PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) with `iterations` rounds.
 * Every key shares one salt, so the (slow) derivation is done once per round count and password.
 */
export function encryptedKeyDer(key: KeyObject, password: string, iterations: number): Buffer {
  const id = `${password}:${iterations}`;
  if (!derived.has(id)) derived.set(id, pbkdf2Sync(password, SALT, iterations, 32, "sha256"));
  const cipher = createCipheriv("aes-256-cbc", derived.get(id)!, IV);
  const plain = key.export({ type: "pkcs8", format: "der" });
  const encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
  const scheme = seq(oid(OID.pbes2), seq(pbkdf2Params(iterations), seq(oid(AES_256_CBC), octets(IV))));
  return seq(scheme, octets(encrypted));
}

export const encryptedKeyPem = (key: KeyObject, password: string, iterations: number) =>
  toPem("ENCRYPTED PRIVATE KEY", encryptedKeyDer(key, password, iterations));

/** An EncryptedPrivateKeyInfo whose scrypt parameters ask for N × r × p block mixes (the data is noise). */
export function scryptKeyPem(n: number, r: number, p: number): string {
  const kdf = seq(oid(OID.scrypt), seq(octets(SALT), uint(n), uint(r), uint(p)));
  const scheme = seq(oid(OID.pbes2), seq(kdf, seq(oid(AES_256_CBC), octets(IV))));
  return toPem("ENCRYPTED PRIVATE KEY", seq(scheme, octets(Buffer.alloc(64, 1))));
}

const certDerOf = (certPem: string) => Buffer.from(certPem.split("\n").slice(1, -2).join(""), "base64");

export interface PfxSpec {
  key: KeyObject;
  certPem: string;
  password: string;
  /** How many shrouded copies of the key the file holds, each under `iterations` PBKDF2 rounds. */
  keyBags: number;
  iterations: number;
  /** PBMAC1 integrity with this PBKDF2 key length (RFC 9579); no MAC when omitted. */
  pbmac1KeyLength?: number;
}

/** A PKCS#12 file (RFC 7292) holding one certificate and `keyBags` encrypted copies of its key. */
export function pfx(spec: PfxSpec): Buffer {
  const keyBag = seq(oid(OID.shroudedKeyBag), ctx(0, encryptedKeyDer(spec.key, spec.password, spec.iterations)));
  const certBag = seq(oid(OID.certBag), ctx(0, seq(oid(OID.x509Certificate), ctx(0, octets(certDerOf(spec.certPem))))));
  const safeContents = seq(certBag, ...Array.from({ length: spec.keyBags }, () => keyBag));
  const authSafe = seq(seq(oid(OID.data), ctx(0, octets(safeContents))));
  const parts = [uint(3), seq(oid(OID.data), ctx(0, octets(authSafe)))];
  if (spec.pbmac1KeyLength) {
    const macKey = pbkdf2Sync(spec.password, SALT, 2048, spec.pbmac1KeyLength, "sha256");
    const mac = createHmac("sha256", macKey).update(authSafe).digest();
    const pbmac1 = seq(
      oid(OID.pbmac1),
      seq(pbkdf2Params(2048, spec.pbmac1KeyLength), seq(oid(HMAC_SHA256), nullValue())),
    );
    parts.push(seq(seq(pbmac1, octets(mac)), octets(Buffer.from("NOT USED")), uint(1)));
  }
  return seq(...parts);
}

function lengthBytes(n: number): Buffer {
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return n < 0x80 ? Buffer.from([n]) : Buffer.from([0x80 | bytes.length, ...bytes]);
}

/**
 * A PFX whose content is a constructed OCTET STRING nested `levels` deep (BER allows the form; exporters use
 * one level). Headers are computed inside out and joined once, so building it stays linear.
 */
export function nestedPfx(levels: number): Buffer {
  const inner = octets(Buffer.from("x"));
  const headers: Buffer[] = [];
  let length = inner.length;
  for (let i = 0; i < levels; i++) {
    const header = Buffer.concat([Buffer.from([0x24]), lengthBytes(length)]);
    headers.push(header);
    length += header.length;
  }
  const content = Buffer.concat([...headers.reverse(), inner]);
  return seq(uint(3), seq(oid(OID.data), ctx(0, content)));
}
