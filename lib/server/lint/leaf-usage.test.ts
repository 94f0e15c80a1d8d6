import { describe, expect, it } from "vitest";
import { parseCertificate } from "@/lib/crypto/certificate";
import { readPem } from "@/lib/crypto/pem";
import { issue } from "@/lib/crypto/pki";
import { EKU } from "@/lib/tls/lint/key-usage";
import { extendedKeyUsageOf, knownExtendedKeyUsage } from "@/lib/server/lint/leaf-usage";

/** The usage lint and the policy read of a stored leaf is the one the upload recorded the certificate with. */
const now = new Date("2026-06-01T12:00:00Z");
const ca = issue(now, { commonName: "Usage CA", usage: "ca" });

describe("extendedKeyUsageOf", () => {
  it.each(["server", "client", "server+client", "signing", "ca"] as const)(
    "reads the same usage as an upload's parse (%s)",
    (usage) => {
      const pem = usage === "ca" ? ca.certPem : issue(now, { commonName: `${usage}.test`, usage }, ca).certPem;
      const { info } = parseCertificate(readPem(Buffer.from(pem), "test")[0].der, "test");
      expect(knownExtendedKeyUsage(info.sha256)).toBeUndefined();
      expect(extendedKeyUsageOf({ sha256: info.sha256, pem: info.pem })).toEqual(info.extendedKeyUsage);
      expect(knownExtendedKeyUsage(info.sha256)).toEqual(info.extendedKeyUsage);
    },
  );

  it("a server certificate allows serverAuth only; a CA's has no extension (null: every purpose)", () => {
    const leaf = parseCertificate(
      readPem(Buffer.from(issue(now, { commonName: "s.test", usage: "server" }, ca).certPem), "t")[0].der,
      "t",
    ).info;
    expect(extendedKeyUsageOf(leaf)).toEqual([EKU.serverAuth]);
    const root = parseCertificate(readPem(Buffer.from(ca.certPem), "t")[0].der, "t").info;
    expect(extendedKeyUsageOf(root)).toBeNull();
  });

  it("answers from the fingerprint once read: the PEM is not parsed again", () => {
    const pem = issue(now, { commonName: "c.test", usage: "client" }, ca).certPem;
    const { info } = parseCertificate(readPem(Buffer.from(pem), "t")[0].der, "t");
    expect(extendedKeyUsageOf(info)).toEqual([EKU.clientAuth]);
    expect(extendedKeyUsageOf({ sha256: info.sha256, pem: "not a certificate" })).toEqual([EKU.clientAuth]);
  });
});
