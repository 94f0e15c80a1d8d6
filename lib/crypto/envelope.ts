import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * Envelope encryption for private keys at rest: each record gets a fresh AES-256 data key; the data key is
 * wrapped by the master key. Both layers use AES-256-GCM with the record's binding (its id) as additional
 * data, so a ciphertext copied to another row, or a wrapped key swapped between rows, fails to open.
 */
export interface Sealed {
  keyCiphertext: string;
  wrappedDataKey: string;
  masterKeyId: string;
}

export class EnvelopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnvelopeError";
  }
}

export const masterKeyId = (masterKey: Buffer) => createHash("sha256").update(masterKey).digest("hex").slice(0, 16);

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

export function seal(masterKey: Buffer, binding: string, plain: Buffer): Sealed {
  const dataKey = randomBytes(32);
  try {
    return {
      keyCiphertext: gcmSeal(dataKey, plain, `data:${binding}`),
      wrappedDataKey: gcmSeal(masterKey, dataKey, `wrap:${binding}`),
      masterKeyId: masterKeyId(masterKey),
    };
  } finally {
    dataKey.fill(0);
  }
}

export function open(masterKey: Buffer, binding: string, sealed: Sealed): Buffer {
  if (sealed.masterKeyId !== masterKeyId(masterKey))
    throw new EnvelopeError("This key was encrypted under a different master key than MASTER_KEY.");
  const dataKey = gcmOpen(masterKey, sealed.wrappedDataKey, `wrap:${binding}`);
  try {
    return gcmOpen(dataKey, sealed.keyCiphertext, `data:${binding}`);
  } finally {
    dataKey.fill(0);
  }
}
