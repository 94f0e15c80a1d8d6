import { describe, expect, it } from "vitest";
import table from "./openssl-ciphers.json";
import { CIPHERS, CIPHER_NAMES, DEFAULT_CIPHERS, TLS13_CIPHERS, isWeak } from "./ciphers";

describe("cipher catalogue", () => {
  it("has API Connect's 40 names, each once", () => {
    expect(CIPHER_NAMES).toHaveLength(40);
    expect(new Set(CIPHER_NAMES).size).toBe(40);
  });

  it("maps every name to an IANA name and an OpenSSL name from the generated table", () => {
    const byIana = new Map(table.suites.map((s) => [s.iana, s.openssl]));
    for (const c of CIPHERS) {
      expect(c.iana).toMatch(/^TLS_/);
      expect(byIana.get(c.iana), c.name).toBe(c.openssl);
      expect(c.openssl.length).toBeGreaterThan(0);
    }
  });

  it("uses OpenSSL's own names for known suites", () => {
    const get = (n: string) => CIPHERS.find((c) => c.name === n)!;
    expect(get("ECDHE_RSA_WITH_AES_256_GCM_SHA384").openssl).toBe("ECDHE-RSA-AES256-GCM-SHA384");
    expect(get("RSA_WITH_AES_128_CBC_SHA").openssl).toBe("AES128-SHA");
    expect(get("TLS_AES_128_CCM_8_SHA256").openssl).toBe("TLS_AES_128_CCM_8_SHA256");
    expect(get("RSA_WITH_3DES_EDE_CBC_SHA").openssl).toBe("DES-CBC3-SHA");
  });

  it("has five TLS 1.3 suites", () => {
    expect(TLS13_CIPHERS).toHaveLength(5);
  });

  it("flags 3DES, CBC-SHA1, static RSA and DHE_DSS as weak, and nothing else", () => {
    expect(CIPHERS.find((c) => c.name === "ECDHE_RSA_WITH_3DES_EDE_CBC_SHA")!.weaknesses).toEqual(["3des"]);
    expect(CIPHERS.find((c) => c.name === "ECDHE_RSA_WITH_AES_128_CBC_SHA")!.weaknesses).toEqual(["cbc-sha1"]);
    expect(CIPHERS.find((c) => c.name === "RSA_WITH_AES_256_GCM_SHA384")!.weaknesses).toEqual(["static-rsa"]);
    expect(CIPHERS.find((c) => c.name === "DHE_DSS_WITH_AES_256_GCM_SHA384")!.weaknesses).toEqual(["dhe-dss"]);
    expect(isWeak("ECDHE_ECDSA_WITH_AES_256_GCM_SHA384")).toBe(false);
    expect(isWeak("TLS_CHACHA20_POLY1305_SHA256")).toBe(false);
  });

  it("defaults to strong suites only", () => {
    expect(DEFAULT_CIPHERS.length).toBeGreaterThan(10);
    expect(DEFAULT_CIPHERS.some(isWeak)).toBe(false);
  });
});
