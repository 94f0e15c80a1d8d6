import { z } from "zod";
import type { Finding } from "../lint/finding";
import type { TlsPolicy } from "../tls-policy";
import type { Violation } from "./violation";

/** `?limit=&offset=` of the compliance list; the counts always cover every object. */
export const ZComplianceQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export type ComplianceObjectType = "tls_client_profile" | "tls_server_profile" | "keystore";

/** An existing object that breaks the policy: what it breaks, and its lint findings for context. */
export interface NonCompliantObject {
  type: ComplianceObjectType;
  name: string;
  /** Profiles only. */
  version: string | null;
  title: string;
  /** Installation defaults are exempt (never refused: they cannot be edited) but listed. */
  is_default: boolean;
  url: string;
  violations: Violation[];
  findings: Finding[];
}

/** GET /tls-policy/violations and POST /tls-policy/preview. */
export interface ComplianceReport {
  policy: TlsPolicy;
  total_results: number;
  /** Objects whose next save the policy would refuse (a profile edit; new keystore material), by type. */
  blocked: Record<ComplianceObjectType, number>;
  /** Defaults listed but exempt. */
  exempt: number;
  results: NonCompliantObject[];
}
