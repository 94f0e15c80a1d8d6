import { type Finding, listed, sortFindings } from "./finding";
import { type LintCertificate, shortName, warningsByCode } from "./stored-certificate";

/** NIST SP 800-57 puts RSA 2048 at 112-bit strength, acceptable until 2030; 3072 is the next step. */
const RSA_RECOMMENDED_BITS = 3072;

/** The chain is a leaf alone that someone else issued: its issuer is not in it. */
export const lacksIssuer = (chain: readonly { selfSigned: boolean }[]) => chain.length === 1 && !chain[0].selfSigned;

/** Findings about a keystore's material: its chain, leaf first. */
export function lintKeystore(chain: readonly LintCertificate[], now: Date): Finding[] {
  const leaf = chain[0];
  if (!leaf) return [];
  const warned = warningsByCode(chain, "keystore", now);
  const findings: Finding[] = [];
  const weak = warned.get("WEAK_KEY") ?? [];
  if (weak.length)
    findings.push({
      code: "keystore.weak_key",
      severity: "critical",
      message: `Weak key: ${listed(weak.map((c) => `${shortName(c)} (${c.keyType} ${c.keyBits})`))}.`,
      fix: "Replace the key and certificates with an RSA 3072+ or EC P-256+ key.",
    });
  else if (leaf.keyType === "RSA" && leaf.keyBits < RSA_RECOMMENDED_BITS)
    findings.push({
      code: "keystore.rsa_below_3072",
      severity: "info",
      message: `The key of ${shortName(leaf)} is RSA ${leaf.keyBits}: sound today, below the ${RSA_RECOMMENDED_BITS} bits recommended beyond 2030.`,
      fix: `At the next renewal, use RSA ${RSA_RECOMMENDED_BITS} or an EC P-256 key.`,
    });
  const sha1 = warned.get("SHA1_SIGNATURE") ?? [];
  if (sha1.length)
    findings.push({
      code: "keystore.sha1_signature",
      severity: "warning",
      message: `Signed with SHA-1 (or MD5): ${listed(sha1.map((c) => `${shortName(c)} (${c.signatureAlgorithm})`))}; clients increasingly refuse such chains.`,
      fix: "Have the certificate reissued with a SHA-256 signature and replace the keystore's material.",
    });
  // CAs sign server and client certificates with an intermediate that peers do not hold: a leaf sent alone fails
  // their handshake as an incomplete chain. Sending a root too costs nothing, so the advice holds for a root-signed leaf.
  if (lacksIssuer(chain))
    findings.push({
      code: "keystore.issuer_missing",
      severity: "warning",
      message: `The keystore holds only ${shortName(leaf)}, not its issuer "${leaf.issuer}": peers that do not already have that certificate fail the handshake (incomplete chain).`,
      fix: "Replace the key and certificates, adding the issuer's certificate (the CA's intermediate bundle) after the leaf.",
    });
  return sortFindings(findings);
}
