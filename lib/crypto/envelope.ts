import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * Envelope encryption for private keys at rest: each record gets a fresh AES-256 data key; the data key is
 * wrapped by the master key. Both layers use AES-256-GCM with the record's binding (its organization and its id)
 * as additional data, so a ciphertext copied to another row or organization, or a wrapped key swapped between
 * rows, fails to open.
 */
export interface Sealed {
  keyCiphertext: string;
  wrappedDataKey: string;
  masterKeyId: string;
}

/** Where a sealed value belongs: the organization that owns it and the record within it ("keystore:<id>"). */
interface Binding {
  orgId: string;
  record: string;
}

export class EnvelopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnvelopeError";
  }
}

export const masterKeyId = (masterKey: Buffer) => createHash("sha256").update(masterKey).digest("hex").slice(0, 16);

/**
 * Values sealed since the organization joined the binding start with this (base64 has no colon). Older values bound
 * only the record; they still open, and `isLegacy` finds them for re-sealing. Stripping the prefix does not downgrade
 * a value: its tag was computed over the other additional data and no longer verifies.
 */
export const SEALED_PREFIX = "v2:";
const V2 = SEALED_PREFIX;

const aad = (layer: "data" | "wrap", b: Binding, v2: boolean) =>
  v2 ? JSON.stringify([layer, b.orgId, b.record]) : `${layer}:${b.record}`;

function gcmSeal(key: Buffer, plain: Buffer, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv).setAAD(Buffer.from(aad, "utf8"));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
}

function gcmOpen(key: Buffer, sealed: string, aad: string): Buffer {
  const raw = Buffer.from(sealed, "base64");
  if (raw.length < 29) throw new EnvelopeError("The stored ciphertext is truncated.");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12)).setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(raw.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
  } catch {
    throw new EnvelopeError("The stored ciphertext does not open for this record: it was altered or moved.");
  }
}

export function seal(masterKey: Buffer, binding: Binding, plain: Buffer): Sealed {
  const dataKey = randomBytes(32);
  try {
    return {
      keyCiphertext: V2 + gcmSeal(dataKey, plain, aad("data", binding, true)),
      wrappedDataKey: V2 + gcmSeal(masterKey, dataKey, aad("wrap", binding, true)),
      masterKeyId: masterKeyId(masterKey),
    };
  } finally {
    dataKey.fill(0);
  }
}

/** The sealed columns of a row whose key may be absent (a keystore awaiting its certificate has none yet). */
export function sealedOf(row: { [K in keyof Sealed]: string | null }): Sealed | null {
  const { keyCiphertext, wrappedDataKey, masterKeyId } = row;
  return keyCiphertext && wrappedDataKey && masterKeyId ? { keyCiphertext, wrappedDataKey, masterKeyId } : null;
}

export const isLegacy = (sealed: Sealed) => !sealed.keyCiphertext.startsWith(V2);

export function open(masterKey: Buffer, binding: Binding, sealed: Sealed): Buffer {
  if (sealed.masterKeyId !== masterKeyId(masterKey))
    throw new EnvelopeError("This key was encrypted under a different master key than MASTER_KEY.");
  const v2 = !isLegacy(sealed);
  if (v2 !== sealed.wrappedDataKey.startsWith(V2))
    throw new EnvelopeError("The stored ciphertext does not open for this record: it was altered or moved.");
  const strip = (value: string) => (v2 ? value.slice(V2.length) : value);
  const dataKey = gcmOpen(masterKey, strip(sealed.wrappedDataKey), aad("wrap", binding, v2));
  try {
    return gcmOpen(dataKey, strip(sealed.keyCiphertext), aad("data", binding, v2));
  } finally {
    dataKey.fill(0);
  }
}
