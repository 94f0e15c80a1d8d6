import type { KeyObject } from "node:crypto";
import {
  type CertificateSpec,
  type DistinguishedName,
  generateKey,
  issueCertificate,
  type KeyKind,
} from "./cert-builder";

/** A certificate with its private key, as PEM: what an installation's internal CA hands out. */
export interface IssuedPair {
  keyPem: string;
  certPem: string;
  privateKey: KeyObject;
  subject: DistinguishedName;
}

const DAY_MS = 86_400_000;

export interface IssueOptions {
  commonName: string;
  organization?: string;
  usage: CertificateSpec["usage"];
  keyKind?: KeyKind;
  dnsNames?: string[];
  /** Validity relative to `now`, in days; negative values make expired or not-yet-valid certificates. */
  fromDays?: number;
  toDays?: number;
  hash?: "sha256" | "sha1";
}

/** Issues a certificate signed by `issuer`, or self-signed when `issuer` is omitted. */
export function issue(now: Date, options: IssueOptions, issuer?: IssuedPair): IssuedPair {
  const { privateKey, publicKey } = generateKey(options.keyKind ?? "ec-p256");
  const subject = { commonName: options.commonName, organization: options.organization };
  const certPem = issueCertificate({
    subject,
    publicKey,
    issuer: issuer?.subject,
    signingKey: issuer?.privateKey ?? privateKey,
    notBefore: new Date(now.getTime() + (options.fromDays ?? -1) * DAY_MS),
    notAfter: new Date(now.getTime() + (options.toDays ?? 825) * DAY_MS),
    usage: options.usage,
    dnsNames: options.dnsNames,
    hash: options.hash,
  });
  return { keyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), certPem, privateKey, subject };
}
