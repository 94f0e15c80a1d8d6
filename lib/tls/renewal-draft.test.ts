import { describe, expect, it } from "vitest";
import { EKU } from "./lint/key-usage";
import { renewalDraft } from "./renewal-draft";

describe("renewalDraft", () => {
  it("asks for the next key like the current certificate: key type, subject (escapes undone), names, usage", () => {
    const draft = renewalDraft({
      keyType: "RSA 3072",
      subject: "C=DE, ST=Berlin, O=Acme\\, Inc., OU=Gateway, CN=rot.example.com",
      subjectAltNames: ["DNS:rot.example.com", "IP Address:10.0.0.5", "email:ops@example.com", "URI:spiffe://a/b"],
      extendedKeyUsage: [EKU.serverAuth, EKU.clientAuth],
    });
    expect(draft).toEqual({
      key_type: "rsa-3072",
      subject: {
        common_name: "rot.example.com",
        organization: "Acme, Inc.",
        organizational_unit: "Gateway",
        locality: "",
        state: "Berlin",
        country: "DE",
      },
      sans: [
        { type: "DNS", value: "rot.example.com" },
        { type: "IP", value: "10.0.0.5" },
        { type: "email", value: "ops@example.com" },
        { type: "URI", value: "spiffe://a/b" },
      ],
      usage: "both",
    });
  });

  it("client only stays client; no extension means every purpose (both); an unknown key type falls back to EC P-256", () => {
    const base = { subject: "CN=a", subjectAltNames: [] };
    expect(renewalDraft({ ...base, keyType: "EC P-256", extendedKeyUsage: [EKU.clientAuth] }).usage).toBe("client");
    expect(renewalDraft({ ...base, keyType: "EC P-256", extendedKeyUsage: null }).usage).toBe("both");
    expect(renewalDraft({ ...base, keyType: "RSA 1024", extendedKeyUsage: [EKU.serverAuth] })).toMatchObject({
      key_type: "ec-p256",
      usage: "server",
    });
  });
});
