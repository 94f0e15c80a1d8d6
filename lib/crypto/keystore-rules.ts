import type { KeyObject } from "node:crypto";
import { type CertificateInfo, issued, type ParsedCertificate } from "./certificate";
import { ImportError } from "./import-error";
import { describeKey, type KeyDescription } from "./private-key";
import { WorkBudget } from "./budget";
import { readUpload, type UploadFile } from "./upload";
import { certificateWarnings, type MaterialWarning } from "./warnings";

const MAX_INTERMEDIATES = 10;

const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

interface KeystoreInput {
  files: UploadFile[];
  password: string;
  /** The user ticked "upload anyway" for an expired leaf. */
  allowExpired: boolean;
  now: Date;
}

export interface KeystoreMaterial {
  key: KeyObject;
  keyDescription: KeyDescription;
  /** Leaf first, then each issuer in turn. */
  chain: CertificateInfo[];
  warnings: MaterialWarning[];
  leafExpired: boolean;
}

/** Walks from the leaf to each issuer; every certificate uploaded must be on that path. */
function orderChain(leaf: ParsedCertificate, others: ParsedCertificate[]): ParsedCertificate[] {
  const chain = [leaf];
  const rest = [...others];
  for (;;) {
    const last = chain[chain.length - 1];
    if (last.info.selfSigned) break;
    const i = rest.findIndex((c) => issued(c.x509, last.x509));
    if (i < 0) break;
    chain.push(...rest.splice(i, 1));
  }
  if (rest.length > 0) {
    const stray = rest[0].info;
    throw new ImportError(
      "CHAIN_NOT_CONNECTED",
      `The chain is not connected: "${stray.subject}" did not sign "${chain[chain.length - 1].info.subject}" or any other certificate in the chain.`,
      "certificate",
    );
  }
  return chain;
}

/**
 * Applies every keystore rule to an upload and returns the material to store, or throws the first
 * ImportError met. Nothing here touches storage, so a refusal can never leave a partial write.
 */
export function verifyKeystore(input: KeystoreInput, budget = new WorkBudget()): KeystoreMaterial {
  const upload = readUpload(input.files, input.password, budget, "one");
  if (upload.keys.length === 0)
    throw new ImportError(
      "NO_PRIVATE_KEY",
      "The upload has no private key. Add the key file, or a PEM or PKCS#12 that includes it.",
      "key",
    );
  const { key } = upload.keys[0];
  const keyDescription = describeKey(key, "private key");
  if (upload.certificates.length === 0)
    throw new ImportError(
      "NO_CERTIFICATE",
      "The upload has no certificate. Add the certificate (chain) that belongs to the key.",
      "certificate",
    );

  const leaf = upload.certificates.find((c) => c.x509.checkPrivateKey(key));
  if (!leaf)
    throw new ImportError(
      "KEY_MISMATCH",
      `The private key does not match the certificate "${upload.certificates[0].info.subject}" (nor any other certificate in the upload).`,
      "key",
    );
  // Every certificate uploaded must end up on the chain, so the intermediates can be counted before the
  // chain is ordered (ordering checks signatures, pairwise).
  const others = upload.certificates.filter((c) => c !== leaf);
  const intermediates = others.filter((c) => !c.info.selfSigned).length;
  if (intermediates > MAX_INTERMEDIATES)
    throw new ImportError(
      "CHAIN_TOO_LONG",
      `The chain has ${intermediates} intermediate certificates; at most ${MAX_INTERMEDIATES} are allowed.`,
      "certificate",
    );
  const chain = orderChain(leaf, others);

  const now = input.now.getTime();
  const notBefore = Date.parse(leaf.info.notBefore);
  const notAfter = Date.parse(leaf.info.notAfter);
  if (notBefore > now)
    throw new ImportError(
      "NOT_YET_VALID",
      `The certificate "${leaf.info.subject}" is not valid until ${utc(leaf.info.notBefore)}.`,
      "certificate",
    );
  const leafExpired = notAfter < now;
  if (leafExpired && !input.allowExpired)
    throw new ImportError(
      "EXPIRED",
      `The certificate "${leaf.info.subject}" expired on ${utc(leaf.info.notAfter)}. Tick "Upload anyway" to store it regardless.`,
      "allowExpired",
    );
  const infos = chain.map((c) => c.info);
  return {
    key,
    keyDescription,
    chain: infos,
    leafExpired,
    warnings: infos.flatMap((c) => certificateWarnings(c, input.now, "keystore")),
  };
}
