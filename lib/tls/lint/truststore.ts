import { type Finding, listed, sortFindings } from "./finding";
import { type LintCertificate, shortName, warningsByCode } from "./stored-certificate";

/** Findings about a truststore's certificates: anchors that cannot or no longer anchor anything. */
export function lintTruststore(certificates: readonly LintCertificate[], now: Date): Finding[] {
  const warned = warningsByCode(certificates, "truststore", now);
  const findings: Finding[] = [];
  const notCa = warned.get("NOT_CA") ?? [];
  if (notCa.length)
    findings.push({
      code: "truststore.non_ca_certificate",
      severity: "warning",
      message: `Not a CA certificate: ${listed(notCa.map(shortName))}. It cannot vouch for other certificates, only match itself.`,
      fix: "Replace it with the CA certificate that issued it, unless you mean to pin exactly this certificate.",
    });
  const expired = warned.get("EXPIRED") ?? [];
  if (expired.length)
    findings.push({
      code: "truststore.expired_certificate",
      severity: "warning",
      message: `Expired: ${listed(expired.map((c) => `${shortName(c)} (${c.notAfter.slice(0, 10)})`))}. Chains to it no longer verify.`,
      fix: "Remove it, and add its successor if peers still need this CA.",
    });
  return sortFindings(findings);
}
