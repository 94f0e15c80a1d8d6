import { describe, expect, it } from "vitest";
import { lintKeystore } from "./keystore";
import { certificateWarnings } from "@/lib/crypto/warnings";
import { type LintCertificate, warningsBesideFindings } from "./stored-certificate";
import { lintTruststore } from "./truststore";

const now = new Date("2027-01-01T00:00:00Z");
const cert = (over: Partial<LintCertificate> = {}): LintCertificate => ({
  subject: "O=Acme, CN=api.acme.test",
  issuer: "CN=Acme Root",
  signatureAlgorithm: "ecdsa-with-SHA256",
  selfSigned: false,
  keyType: "EC",
  keyBits: 256,
  notAfter: "2028-01-01T00:00:00.000Z",
  isCA: false,
  sha256: "AA",
  ...over,
});
const ca = (over: Partial<LintCertificate> = {}) =>
  cert({ subject: "CN=Acme Root", issuer: "CN=Acme Root", isCA: true, selfSigned: true, sha256: "CA", ...over });
const codes = (f: { code: string }[]) => f.map((x) => x.code);

describe("keystore lint", () => {
  it("an EC P-256 chain signed with SHA-256 is clean", () => {
    expect(lintKeystore([cert(), ca()], now)).toEqual([]);
  });

  it("keystore.rsa_below_3072: RSA 2048 leaf is info; RSA 3072 is clean", () => {
    const f = lintKeystore([cert({ keyType: "RSA", keyBits: 2048 }), ca()], now);
    expect(f).toEqual([expect.objectContaining({ code: "keystore.rsa_below_3072", severity: "info" })]);
    expect(f[0].message).toContain("'api.acme.test' is RSA 2048");
    expect(lintKeystore([cert({ keyType: "RSA", keyBits: 3072 }), ca()], now)).toEqual([]);
  });

  it("keystore.weak_key: RSA 1024 is critical, and replaces the 3072 advice", () => {
    expect(codes(lintKeystore([cert({ keyType: "RSA", keyBits: 1024 }), ca()], now))).toEqual(["keystore.weak_key"]);
  });

  it("keystore.sha1_signature names the SHA-1-signed certificates, not a self-signed root's own signature", () => {
    const f = lintKeystore(
      [cert({ signatureAlgorithm: "sha1WithRSAEncryption" }), ca({ signatureAlgorithm: "sha1WithRSAEncryption" })],
      now,
    );
    expect(f).toEqual([expect.objectContaining({ code: "keystore.sha1_signature", severity: "warning" })]);
    expect(f[0].message).toContain("'api.acme.test' (sha1WithRSAEncryption)");
    expect(f[0].message).not.toContain("Acme Root");
  });

  it("keystore.issuer_missing: a leaf without its issuer warns and names the issuer; a self-signed leaf does not", () => {
    const f = lintKeystore([cert({ issuer: "CN=Acme Issuing CA 2" })], now);
    expect(f).toEqual([expect.objectContaining({ code: "keystore.issuer_missing", severity: "warning" })]);
    expect(f[0].message).toContain('not its issuer "CN=Acme Issuing CA 2"');
    expect(lintKeystore([cert({ selfSigned: true, issuer: "O=Acme, CN=api.acme.test" })], now)).toEqual([]);
  });
});

describe("truststore lint", () => {
  it("valid CA certificates are clean", () => {
    expect(lintTruststore([ca(), ca({ subject: "CN=Other Root", sha256: "CB" })], now)).toEqual([]);
  });

  it("truststore.non_ca_certificate names the leaf", () => {
    const f = lintTruststore([ca(), cert()], now);
    expect(f).toEqual([expect.objectContaining({ code: "truststore.non_ca_certificate", severity: "warning" })]);
    expect(f[0].message).toContain("'api.acme.test'");
  });

  it("truststore.expired_certificate names it with its date, by the expiry rule's clock", () => {
    const old = ca({ subject: "CN=Old Root", notAfter: "2026-12-31T00:00:00.000Z" });
    const f = lintTruststore([ca(), old], now);
    expect(f).toEqual([expect.objectContaining({ code: "truststore.expired_certificate" })]);
    expect(f[0].message).toContain("'Old Root' (2026-12-31)");
    expect(lintTruststore([old], new Date("2026-12-30T00:00:00Z"))).toEqual([]);
  });
});

describe("warnings beside findings (details pages show each fact once)", () => {
  const lint = { keystore: lintKeystore, truststore: lintTruststore };
  const cases = [
    ["keystore", cert({ keyType: "RSA", keyBits: 1024 })],
    ["keystore", cert({ signatureAlgorithm: "sha1WithRSAEncryption" })],
    ["truststore", cert()],
    ["truststore", ca({ notAfter: "2026-06-01T00:00:00.000Z" })],
  ] as const;
  it.each(cases)("a %s warning left out is one its lint reports, naming the certificate", (store, c) => {
    const warnings = certificateWarnings(c, now, store);
    const left = warningsBesideFindings(store, warnings);
    expect(left.length).toBeLessThan(warnings.length);
    const findings = lint[store]([c], now);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.map((f) => f.message).join(" ")).toContain(
      c.subject.includes("Root") ? "Acme Root" : "api.acme.test",
    );
  });

  it("keeps what no finding says: an expiring certificate, a SHA-1 signature in a truststore", () => {
    const soon = ca({
      notAfter: "2027-01-10T00:00:00.000Z",
      signatureAlgorithm: "sha1WithRSAEncryption",
      selfSigned: false,
    });
    expect(codes(warningsBesideFindings("truststore", certificateWarnings(soon, now, "truststore")))).toEqual([
      "SHA1_SIGNATURE",
      "EXPIRES_SOON",
    ]);
    expect(codes(warningsBesideFindings("keystore", certificateWarnings(soon, now, "keystore")))).toEqual([
      "EXPIRES_SOON",
    ]);
  });
});
