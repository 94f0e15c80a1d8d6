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

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The compliance view's headline: what a policy blocks, said for the policy in force or for a proposed one
 * ("switching this on would block edits to 3 profiles").
 */
export function blockedSummary(report: Pick<ComplianceReport, "blocked" | "exempt">, proposed: boolean): string {
  const profiles = report.blocked.tls_client_profile + report.blocked.tls_server_profile;
  const keystores = report.blocked.keystore;
  const parts = [
    ...(profiles ? [`block edits to ${count(profiles, "profile", "profiles")}`] : []),
    ...(keystores
      ? [
          `refuse copies of ${count(keystores, "keystore", "keystores")} until ${keystores === 1 ? "its" : "their"} key material is replaced`,
        ]
      : []),
  ];
  const exempt = report.exempt
    ? ` ${count(report.exempt, "installation default breaks", "installation defaults break")} it too: exempt, as defaults cannot be edited.`
    : "";
  if (parts.length === 0)
    return `${proposed ? "Switching this on would block nothing" : "Nothing is blocked"}: every profile and keystore you can edit complies.${exempt}`;
  const what = parts.join(" and ");
  return `${proposed ? `Switching this on would ${what}` : `The policy in force would ${what}`}.${exempt}`;
}
