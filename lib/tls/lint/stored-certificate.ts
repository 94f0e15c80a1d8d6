import { certificateWarnings, type MaterialWarning } from "@/lib/crypto/warnings";
import { commonName } from "../expiry";

/** The stored facts of one certificate that store lint reads (public facts only; notAfter as ISO text). */
export interface LintCertificate {
  subject: string;
  signatureAlgorithm: string;
  selfSigned: boolean;
  keyType: string;
  keyBits: number;
  notAfter: string;
  isCA: boolean;
  sha256: string;
}

/**
 * Store findings build on the upload warnings (lib/crypto/warnings.ts), so a certificate is judged by one rule:
 * each certificate's warnings, grouped here by code (a certificate gets at most one warning per code).
 */
export function warningsByCode(
  certificates: readonly LintCertificate[],
  store: "keystore" | "truststore",
  now: Date,
): Map<MaterialWarning["code"], LintCertificate[]> {
  const grouped = new Map<MaterialWarning["code"], LintCertificate[]>();
  for (const c of certificates)
    for (const w of certificateWarnings(c, now, store)) grouped.set(w.code, [...(grouped.get(w.code) ?? []), c]);
  return grouped;
}

/** Messages name certificates by common name. */
export const shortName = (c: LintCertificate) => `'${commonName(c.subject)}'`;
