import type { ScheduledRotationDto } from "./rotation-dto";
import type { CertificateRole, ExpiryBucket } from "./expiry";
import type { DependantDto } from "./store-dto";

/** One certificate of the overview: public facts, where it sits, and the profiles that depend on it. */
export interface ExpiringCertificateDto {
  /** Only in the all-organizations view. */
  org?: { name: string; title: string };
  kind: "keystore" | "truststore";
  store_name: string;
  store_title: string;
  position: number;
  role: CertificateRole;
  subject: string;
  issuer: string;
  not_after: string;
  days_left: number;
  bucket: ExpiryBucket;
  sha256_fingerprint: string;
  used_by: DependantDto[];
}

/** When a profile stops working and which certificate breaks it. */
export interface ProfileBreakDto {
  org?: { name: string; title: string };
  type: DependantDto["type"];
  name: string;
  version: string;
  title: string;
  breaks_at: string;
  days_left: number;
  bucket: ExpiryBucket;
  cause: string;
}

export interface ExpiryOverviewDto {
  scope: "org" | "all";
  total_results: number;
  results: ExpiringCertificateDto[];
  /** Certificates per bucket under the same kind, store and within_days filters (the bucket filter left out). */
  buckets: Record<ExpiryBucket, number>;
  /** Certificates expiring in each of the next 12 months (the first: the rest of this one), same filters as buckets. */
  timeline: { month: string; count: number }[];
  /** Profiles in break order, at most PROFILE_LIMIT; profiles_total counts them all. */
  profiles: ProfileBreakDto[];
  profiles_total: number;
  /** Keystore swaps scheduled to come (ADR 026), soonest first. */
  scheduled_rotations: ScheduledRotationDto[];
}
