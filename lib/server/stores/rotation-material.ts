import "server-only";
import { createPrivateKey } from "node:crypto";
import { type CertificateInfo, parseCertificate } from "@/lib/crypto/certificate";
import { open, type Sealed } from "@/lib/crypto/envelope";
import type { KeystoreMaterial } from "@/lib/crypto/keystore-rules";
import { readPem } from "@/lib/crypto/pem";
import { describeKey } from "@/lib/crypto/private-key";
import { masterKey } from "@/lib/server/platform/master-key";

/**
 * Stored material (a keystore's pending or earlier key and chain) read back into the shape an upload verifies to, so
 * a swap stores it exactly as an upload would. The chain was verified when it was first stored; it is only parsed.
 */

/** Where each sealed key lives: its own record, so one cannot be opened as (or swapped with) another. */
export const bindings = {
  keystore: (orgId: string, id: string) => ({ orgId, record: `keystore:${id}` }),
  pending: (orgId: string, id: string) => ({ orgId, record: `keystore-pending:${id}` }),
  version: (orgId: string, id: string) => ({ orgId, record: `keystore-version:${id}` }),
};

/** The certificates of a stored PEM chain, in order. */
export function chainOf(pem: string): CertificateInfo[] {
  return readPem(Buffer.from(pem), "stored chain").map((b) => parseCertificate(b.der, "stored chain").info);
}

/** Opens a sealed key into a KeyObject (the DER is wiped at once) with its chain, as verified material. */
export function openMaterial(
  binding: { orgId: string; record: string },
  sealed: Sealed,
  chainPem: string,
  expiredAccepted: boolean,
): KeystoreMaterial {
  const der = open(masterKey(), binding, sealed);
  try {
    const key = createPrivateKey({ key: der, format: "der", type: "pkcs8" });
    return {
      key,
      keyDescription: describeKey(key, "stored key"),
      chain: chainOf(chainPem),
      warnings: [],
      leafExpired: expiredAccepted,
    };
  } finally {
    der.fill(0);
  }
}
