import type { RotationDiff } from "./rotation-diff";
import type { CertificateDto, CsrSummary } from "./store-dto";
import type { TruststoreSetDiff } from "./truststore-diff";

/**
 * A keystore's pending material (ADR 026): uploaded, or generated here ("awaiting_certificate" until its signed
 * certificate arrives); "ready" to activate, or "scheduled" to be activated at `activate_at`. Never the key.
 */
export interface PendingMaterialDto {
  keystore_name: string;
  state: "awaiting_certificate" | "ready" | "scheduled";
  source: "upload" | "generate";
  key_type: string;
  subject: string;
  created_at: string;
  created_by: string;
  /** What the CSR of a generated key asks for; the CSR itself is served as pending/csr.pem. */
  csr?: CsrSummary;
  /** The pending chain, leaf first; empty while awaiting its certificate. */
  certificates: CertificateDto[];
  expired_accepted: boolean;
  activate_at: string | null;
  scheduled_by: string | null;
  /** The warning codes confirmed when the activation was scheduled. */
  confirmed_warnings: string[];
  /**
   * The last scheduled activation, refused when its time came because the material broke the organization's policy
   * by then: when, and the refusal naming the rules. Cleared when it is scheduled again.
   */
  refused: { at: string; reason: string } | null;
  /** Pending against current; null while there is no certificate to compare. */
  diff: RotationDiff | null;
}

/** An earlier material of a keystore, restorable by its number. */
export interface KeystoreVersionDto {
  number: number;
  key_type: string;
  subject: string;
  sha256_fingerprint: string;
  not_after: string;
  /** When it stopped being current, who replaced it and how ("activate", "rotate", "restore"). */
  retired_at: string;
  retired_by: string;
  retired_how: string;
  /** The same certificate is in use again (it was restored). */
  current: boolean;
  certificates: CertificateDto[];
  /** What restoring it would change: this version against the current material. */
  diff: RotationDiff;
}

/** An earlier certificate set of a truststore, restorable by its number. */
export interface TruststoreVersionDto {
  number: number;
  certificate_count: number;
  certificates: CertificateDto[];
  retired_at: string;
  retired_by: string;
  retired_how: string;
  current: boolean;
  diff: TruststoreSetDiff;
}

/** A scheduled swap, as the keystore page and the expiry overview list it. */
export interface ScheduledRotationDto {
  org?: { name: string; title: string };
  keystore_name: string;
  keystore_title: string;
  activate_at: string;
  scheduled_by: string;
}
