import { X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateKeyAndRequest } from "@/lib/crypto/generate";
import { subjectLine, ZKeyRequest } from "@/lib/tls/key-request";
import { inspectCsr } from "../helpers/openssl";

/**
 * The subject a generated CSR or certificate carries is the one the console shows, audits and validated: text the
 * x509 library would read as syntax (a leading "#" is hex DER to embed; "\0a" is a newline) is written as text.
 */
const request = (subject: Record<string, string>, selfSigned?: number) =>
  ZKeyRequest.parse({
    key_type: "ec-p256",
    subject,
    usage: "server",
    ...(selfSigned ? { self_signed_days: selfSigned } : {}),
  });

describe("generated subjects", () => {
  it("a leading # and a \\0a sequence stay text in the CSR", async () => {
    const asked = request({ common_name: "#0c0d61646d696e0a434e3d726f6f74", organization: "a\\0aCN=root" });
    const { csrPem } = await generateKeyAndRequest(asked, new Date());
    const csr = inspectCsr(csrPem);
    expect(csr.verified).toBe(true);
    // openssl prints a value starting with "#" in quotes and a backslash doubled: both are the text as typed.
    expect(csr.text).toContain('Subject: O = a\\\\0aCN=root, CN = "#0c0d61646d696e0a434e3d726f6f74"');
  });

  it("a self-signed certificate's subject is the subject line shown", async () => {
    const asked = request({ common_name: "#3003020101", organization: "Acme, Inc.", country: "de" }, 5);
    const { certificatePem } = await generateKeyAndRequest(asked, new Date());
    const cert = new X509Certificate(certificatePem!);
    expect(cert.subject.split("\n")).toEqual(["C=DE", "O=Acme\\, Inc.", "CN=\\#3003020101"]);
    expect(subjectLine(asked.subject)).toBe(cert.subject.split("\n").join(", "));
  });

  it.each([
    ["a right-to-left override", "admin\u202egpj.exe"],
    ["a zero-width space", "api\u200b.example.com"],
    ["a line separator", "api\u2028CN=root"],
  ])("refuses %s in a subject part", (_, text) => {
    expect(() => request({ common_name: text })).toThrow(/invisible formatting/);
  });
});
