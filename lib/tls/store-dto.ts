import type { MaterialWarning } from "@/lib/crypto/warnings";
import type { Finding } from "./lint/finding";

/** One certificate as shown and served: public facts only. */
export interface CertificateDto {
  subject: string;
  issuer: string;
  serial_number: string;
  subject_alt_names: string[];
  key_type: string;
  key_bits: number;
  signature_algorithm: string;
  not_before: string;
  not_after: string;
  sha256_fingerprint: string;
  is_ca: boolean;
  self_signed: boolean;
  pem: string;
}

/** A profile that refers to a keystore or truststore. */
export interface DependantDto {
  type: "tls_client_profile" | "tls_server_profile";
  name: string;
  version: string;
  title: string;
}

interface StoreDtoBase {
  id: string;
  name: string;
  title: string;
  summary: string;
  is_default: boolean;
  created_at: string;
  updated_at: string;
  updated_by: string;
  row_version: number;
  url: string;
  org_url: string;
  /** Lint findings, most severe first (ADR 025). */
  findings: Finding[];
}

/** What a keystore's certificate signing request asks for (public: the CSR itself is served as csr.pem). */
export interface CsrSummary {
  subject: string;
  subject_alt_names: string[];
  usage: "server" | "client" | "both";
  key_type: string;
  created_at: string;
  created_by: string;
}

export type KeystoreState = "active" | "awaiting_certificate";

/**
 * A keystore never carries its private key: only the key's type, and the public chain. A keystore generated here
 * is "awaiting_certificate" until its signed certificate is uploaded: then `csr` says what it asks for, and
 * `not_after` and `sha256_fingerprint` are null (no certificate, no expiry).
 */
export interface KeystoreDto extends StoreDtoBase {
  type: "keystore";
  state: KeystoreState;
  key_type: string;
  subject: string;
  not_after: string | null;
  sha256_fingerprint: string | null;
  expired_accepted: boolean;
  csr?: CsrSummary;
  certificates?: CertificateDto[];
  warnings?: MaterialWarning[];
  used_by?: DependantDto[];
}

export interface TruststoreDto extends StoreDtoBase {
  type: "truststore";
  not_after: string | null;
  certificate_count: number;
  certificates?: CertificateDto[];
  warnings?: MaterialWarning[];
  used_by?: DependantDto[];
}

/** What an upload would store, shown before the user confirms (warnings included). */
export interface KeystorePreview {
  key_type: string;
  certificates: CertificateDto[];
  warnings: MaterialWarning[];
  leaf_expired: boolean;
}

export interface TruststorePreview {
  certificates: CertificateDto[];
  warnings: MaterialWarning[];
}
