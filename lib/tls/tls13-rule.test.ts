import { describe, expect, it } from "vitest";
import { CIPHER_NAMES, TLS13_CIPHERS, type CipherName } from "./ciphers";
import type { TlsProtocol } from "./protocols";
import { effectiveCiphers, lacksPre13Cipher } from "./tls13-rule";

const PRE13: CipherName[] = ["ECDHE_RSA_WITH_AES_256_GCM_SHA384", "ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"];
const ONE13: CipherName[] = ["TLS_AES_128_GCM_SHA256"];

describe("TLS 1.3 rule", () => {
  // Every combination: TLS 1.3 selected or not × TLS 1.3 ciphers chosen or not (with and without older suites).
  const cases: { protocols: TlsProtocol[]; ciphers: CipherName[]; expected: CipherName[] }[] = [
    {
      protocols: ["tls_v1.2", "tls_v1.3"],
      ciphers: PRE13,
      expected: [...TLS13_CIPHERS, "ECDHE_RSA_WITH_AES_256_GCM_SHA384", "ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"],
    },
    { protocols: ["tls_v1.2", "tls_v1.3"], ciphers: [...PRE13, ...ONE13], expected: [...ONE13, ...PRE13].sort(order) },
    { protocols: ["tls_v1.2"], ciphers: PRE13, expected: PRE13.slice().sort(order) },
    { protocols: ["tls_v1.2"], ciphers: [...PRE13, ...ONE13], expected: PRE13.slice().sort(order) },
    { protocols: ["tls_v1.3"], ciphers: [], expected: TLS13_CIPHERS },
    { protocols: ["tls_v1.3"], ciphers: ONE13, expected: ONE13 },
    { protocols: ["tls_v1.2"], ciphers: ONE13, expected: [] },
  ];

  it.each(cases)("protocols $protocols with $ciphers", ({ protocols, ciphers, expected }) => {
    expect(effectiveCiphers(protocols, ciphers)).toEqual(expected);
  });

  it("adds all five TLS 1.3 suites when 1.3 is on and none is chosen", () => {
    expect(effectiveCiphers(["tls_v1.3"], PRE13).filter((c) => c.startsWith("TLS_"))).toHaveLength(5);
  });

  it("never keeps a TLS 1.3 suite without TLS 1.3", () => {
    expect(effectiveCiphers(["tls_v1.0", "tls_v1.1", "tls_v1.2"], TLS13_CIPHERS)).toEqual([]);
  });

  it("flags TLS 1.0–1.2 without a suite they can use", () => {
    expect(lacksPre13Cipher(["tls_v1.2", "tls_v1.3"], ONE13)).toBe(true);
    expect(lacksPre13Cipher(["tls_v1.3"], ONE13)).toBe(false);
    expect(lacksPre13Cipher(["tls_v1.2"], PRE13)).toBe(false);
  });
});

function order(a: CipherName, b: CipherName) {
  return CIPHER_NAMES.indexOf(a) - CIPHER_NAMES.indexOf(b);
}
