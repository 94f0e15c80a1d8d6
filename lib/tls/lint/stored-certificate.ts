import { certificateWarnings, type MaterialWarning } from "@/lib/crypto/warnings";
import { commonName } from "../expiry";
import type { CertificateDto } from "../store-dto";

/** The stored facts of one certificate that store lint reads (public facts only; notAfter as ISO text). */
export interface LintCertificate {
  subject: string;
  issuer: string;
  signatureAlgorithm: string;
  selfSigned: boolean;
  keyType: string;
  keyBits: number;
  notAfter: string;
  isCA: boolean;
  sha256: string;
}

/** A certificate as the API shows it (an upload's preview), in the shape lint reads. */
export const lintableDto = (c: CertificateDto): LintCertificate => ({
  subject: c.subject,
  issuer: c.issuer,
  signatureAlgorithm: c.signature_algorithm,
  selfSigned: c.self_signed,
  keyType: c.key_type,
  keyBits: c.key_bits,
  notAfter: c.not_after,
  isCA: c.is_ca,
  sha256: c.sha256_fingerprint,
});

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

/** The upload warnings each store's lint groups into findings (keystore.ts, truststore.ts). */
const IN_FINDINGS: Record<"keystore" | "truststore", ReadonlySet<MaterialWarning["code"]>> = {
  keystore: new Set(["WEAK_KEY", "SHA1_SIGNATURE"]),
  truststore: new Set(["NOT_CA", "EXPIRED"]),
};

/**
 * The warnings a details page lists beside the store's findings: those no finding already says (an expiring
 * certificate, a SHA-1 signature in a truststore), so one fact is not shown twice in two wordings.
 */
export function warningsBesideFindings<W extends Pick<MaterialWarning, "code">>(
  store: "keystore" | "truststore",
  warnings: readonly W[],
): W[] {
  return warnings.filter((w) => !IN_FINDINGS[store].has(w.code));
}
