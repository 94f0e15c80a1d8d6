import { describe, expect, it } from "vitest";
import { suggestion } from "@/lib/server/probes/scan";

/** The scan's advice, from the matrix alone. */
describe("what would make profile and server meet", () => {
  const modern = {
    protocols: ["tls_v1.2", "tls_v1.3"] as const,
    ciphers: ["ECDHE_RSA_WITH_AES_128_GCM_SHA256" as const],
  };
  const profile = { protocols: [...modern.protocols], ciphers: [...modern.ciphers] };

  it("nothing when they already meet", () => {
    expect(suggestion(["tls_v1.2"], ["ECDHE_RSA_WITH_AES_128_GCM_SHA256"], profile)).toBeNull();
  });

  it("the server's newest protocol when none is shared", () => {
    expect(suggestion(["tls_v1.0", "tls_v1.1"], ["RSA_WITH_AES_128_CBC_SHA"], profile)).toBe(
      "Allow TLS 1.1 in the profile: the server speaks TLS 1.0, TLS 1.1, the profile none of them.",
    );
  });

  it("the strongest shared-protocol suites, weak ones only when nothing else exists", () => {
    expect(suggestion(["tls_v1.2"], ["RSA_WITH_AES_128_CBC_SHA", "ECDHE_RSA_WITH_AES_256_GCM_SHA384"], profile)).toBe(
      "Select ECDHE_RSA_WITH_AES_256_GCM_SHA384 (TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) in the profile: the server accepts these on TLS 1.2.",
    );
    expect(suggestion(["tls_v1.2"], ["RSA_WITH_3DES_EDE_CBC_SHA"], profile)).toContain("only weak suites, such as");
    expect(suggestion([], [], profile)).toContain("accepted none of the protocols");
  });
});
