import { createPrivateKey, type KeyObject } from "node:crypto";
import type { WorkBudget } from "./budget";
import { ImportError, unparseable } from "./import-error";
import { chargeEncryptedKey } from "./pbe";
import type { PemBlock } from "./pem";

export interface KeyDescription {
  type: "RSA" | "EC" | "Ed25519";
  /** RSA modulus bits, EC curve bits, 256 for Ed25519. */
  bits: number;
  curve?: string;
}

/** How a key is named everywhere it is shown and stored ("RSA 2048", "EC P-256", "Ed25519"): keystores' key_type. */
export const keyTypeLabel = (d: KeyDescription) =>
  d.type === "EC" ? `EC ${d.curve}` : d.type === "RSA" ? `RSA ${d.bits}` : "Ed25519";

export const KEY_LABELS = ["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY"];
const CURVES: Record<string, { name: string; bits: number }> = {
  prime256v1: { name: "P-256", bits: 256 },
  secp384r1: { name: "P-384", bits: 384 },
  secp521r1: { name: "P-521", bits: 521 },
};

function isEncrypted(block: PemBlock): boolean {
  return block.label === "ENCRYPTED PRIVATE KEY" || (block.headers["Proc-Type"] ?? "").includes("ENCRYPTED");
}

/**
 * Reads a PEM private key in any of PKCS#1, SEC1, PKCS#8, encrypted PKCS#8 or legacy encrypted PEM.
 * The password is passed to OpenSSL only and kept nowhere; the work OpenSSL will do is charged first.
 */
export function readPemKey(block: PemBlock, password: string, part: string, budget: WorkBudget): KeyObject {
  const encrypted = isEncrypted(block);
  if (encrypted && password === "")
    throw new ImportError(
      "PASSWORD_REQUIRED",
      `The ${part} is encrypted. Enter its password and upload again.`,
      "password",
    );
  // Legacy "Proc-Type: 4,ENCRYPTED" keys derive theirs with one MD5 round (EVP_BytesToKey).
  if (block.label === "ENCRYPTED PRIVATE KEY") chargeEncryptedKey(block.der, part, budget);
  else if (encrypted) budget.charge(1, part);
  try {
    return createPrivateKey(
      encrypted ? { key: block.text, format: "pem", passphrase: password } : { key: block.text, format: "pem" },
    );
  } catch (e) {
    const reason = (e as { code?: string; message?: string }).code ?? "";
    if (encrypted && /BAD_DECRYPT|DECODE|bad decrypt/i.test(reason + (e as Error).message))
      throw new ImportError("WRONG_PASSWORD", `The password does not decrypt the ${part}.`, "password");
    throw unparseable(part, "is not a private key OpenSSL can read");
  }
}

export function readDerKey(der: Buffer, part: string): KeyObject {
  try {
    return createPrivateKey({ key: der, format: "der", type: "pkcs8" });
  } catch {
    throw unparseable(part, "is not a PKCS#8 private key");
  }
}

/** Names the key and refuses what a gateway must not use: RSA under 2048 bits, DSA, unknown curves. */
export function describeKey(key: KeyObject, part: string): KeyDescription {
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case "rsa": {
      const bits = details.modulusLength ?? 0;
      if (bits < 2048)
        throw new ImportError("WEAK_KEY", `The ${part} is RSA ${bits}: at least 2048 bits are required.`, part);
      return { type: "RSA", bits };
    }
    case "ec": {
      const curve = CURVES[details.namedCurve ?? ""];
      if (!curve)
        throw new ImportError(
          "UNSUPPORTED",
          `The ${part} uses the curve ${details.namedCurve}; only P-256, P-384 and P-521 are supported.`,
          part,
        );
      return { type: "EC", bits: curve.bits, curve: curve.name };
    }
    case "ed25519":
      return { type: "Ed25519", bits: 256 };
    default:
      throw new ImportError(
        "UNSUPPORTED",
        `The ${part} is a ${key.asymmetricKeyType?.toUpperCase()} key; use RSA, EC or Ed25519.`,
        part,
      );
  }
}
