import "server-only";
import type { CertificateInfo } from "@/lib/crypto/certificate";
import { certificateWarnings, type MaterialWarning } from "@/lib/crypto/warnings";
import type { CertificateDto } from "@/lib/tls/store-dto";

/** Columns of a Certificate row for one parsed certificate. */
export function certificateColumns(info: CertificateInfo, position: number) {
  return {
    position,
    sha256: info.sha256,
    subject: info.subject,
    issuer: info.issuer,
    serialNumber: info.serialNumber,
    subjectAltNames: info.subjectAltNames.join("\n"),
    keyType: info.keyType,
    keyBits: info.keyBits,
    signatureAlgorithm: info.signatureAlgorithm,
    notBefore: new Date(info.notBefore),
    notAfter: new Date(info.notAfter),
    isCA: info.isCA,
    selfSigned: info.selfSigned,
    pem: info.pem,
  };
}

type CertificateRow = ReturnType<typeof certificateColumns>;

export function certificateDto(row: CertificateRow): CertificateDto {
  return {
    subject: row.subject,
    issuer: row.issuer,
    serial_number: row.serialNumber,
    subject_alt_names: row.subjectAltNames.split("\n").filter(Boolean),
    key_type: row.keyType,
    key_bits: row.keyBits,
    signature_algorithm: row.signatureAlgorithm,
    not_before: row.notBefore.toISOString(),
    not_after: row.notAfter.toISOString(),
    sha256_fingerprint: row.sha256,
    is_ca: row.isCA,
    self_signed: row.selfSigned,
    pem: row.pem,
  };
}

export const infoDto = (info: CertificateInfo, position = 0) => certificateDto(certificateColumns(info, position));

/** Warnings for stored certificates, recomputed on read so expiry is always relative to now. */
export function storedWarnings(
  rows: CertificateRow[],
  store: "keystore" | "truststore",
  now = new Date(),
): MaterialWarning[] {
  return rows.flatMap((r) => certificateWarnings({ ...r, notAfter: r.notAfter.toISOString() }, now, store));
}
