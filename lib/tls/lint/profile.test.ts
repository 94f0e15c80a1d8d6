import { describe, expect, it } from "vitest";
import { CIPHERS, DEFAULT_CIPHERS, type CipherName } from "../ciphers";
import { DEFAULT_PROTOCOLS, type TlsProtocol } from "../protocols";
import { TLS_PRESETS } from "../presets";
import type { Finding } from "./finding";
import { EKU } from "./key-usage";
import { type ClientProfileFacts, lintClientProfile, lintServerProfile, type ServerProfileFacts } from "./profile";

const client = (over: Partial<ClientProfileFacts> = {}): ClientProfileFacts => ({
  protocols: DEFAULT_PROTOCOLS,
  ciphers: DEFAULT_CIPHERS,
  insecure_server_connections: false,
  server_name_indication: true,
  keystore: null,
  ...over,
});
const server = (over: Partial<ServerProfileFacts> = {}): ServerProfileFacts => ({
  protocols: DEFAULT_PROTOCOLS,
  ciphers: DEFAULT_CIPHERS,
  mutual_authentication: "none",
  keystore: null,
  ...over,
});
const codes = (findings: { code: string }[]) => findings.map((f) => f.code);
const find = (findings: Finding[], code: string) => findings.find((f) => f.code === code);

describe("profile lint", () => {
  it("a default selection with secure settings has no findings, client or server", () => {
    expect(lintClientProfile(client())).toEqual([]);
    expect(lintServerProfile(server())).toEqual([]);
  });

  it("protocol.legacy_enabled: TLS 1.0/1.1 named; absent with TLS 1.2+ only", () => {
    const f = find(
      lintClientProfile(client({ protocols: ["tls_v1.0", "tls_v1.1", "tls_v1.2"] })),
      "protocol.legacy_enabled",
    );
    expect(f).toMatchObject({
      severity: "warning",
      message: expect.stringContaining("TLS 1.0 and TLS 1.1 are enabled"),
    });
    expect(codes(lintClientProfile(client({ protocols: ["tls_v1.2"] })))).not.toContain("protocol.legacy_enabled");
  });

  it("cipher.weak_selected names each weak suite with its weakness; 3DES is critical", () => {
    const ciphers: CipherName[] = [
      "ECDHE_RSA_WITH_AES_128_GCM_SHA256",
      "RSA_WITH_AES_128_CBC_SHA",
      "DHE_DSS_WITH_AES_128_GCM_SHA256",
    ];
    const f = find(lintServerProfile(server({ ciphers })), "cipher.weak_selected");
    expect(f).toMatchObject({ severity: "warning" });
    expect(f?.message).toContain("2 weak suites selected");
    expect(f?.message).toContain("RSA_WITH_AES_128_CBC_SHA (CBC with SHA-1 MAC; Static RSA key exchange");
    expect(f?.message).toContain("DHE_DSS_WITH_AES_128_GCM_SHA256 (DSS authentication");
    // Many are counted per weakness instead: a wall of 23 names reads as noise.
    const all = lintServerProfile(server({ ciphers: CIPHERS.map((c) => c.name) }));
    const many = find(all, "cipher.weak_selected")?.message;
    expect(many).toMatch(
      /^\d+ weak suites selected: \d+ with 3DES \(64-bit block, Sweet32\), \d+ with CBC with SHA-1 MAC/,
    );
    expect(many).not.toContain("RSA_WITH_AES_128_CBC_SHA");
    const sweet32 = lintServerProfile(server({ ciphers: ["ECDHE_RSA_WITH_3DES_EDE_CBC_SHA"] }));
    expect(find(sweet32, "cipher.weak_selected")?.severity).toBe("critical");
    expect(codes(lintServerProfile(server({ ciphers: ["ECDHE_RSA_WITH_AES_128_GCM_SHA256"] })))).not.toContain(
      "cipher.weak_selected",
    );
  });

  it("cipher.no_forward_secrecy: only static RSA suites; TLS 1.3 or one ECDHE suite clears it", () => {
    const rsaOnly: CipherName[] = ["RSA_WITH_AES_256_GCM_SHA384"];
    const f = find(
      lintClientProfile(client({ protocols: ["tls_v1.2"], ciphers: rsaOnly })),
      "cipher.no_forward_secrecy",
    );
    expect(f).toMatchObject({ severity: "critical", message: expect.stringContaining("RSA_WITH_AES_256_GCM_SHA384") });
    // With TLS 1.3 on, the TLS 1.3 rule adds its (always forward-secret) suites.
    expect(codes(lintClientProfile(client({ ciphers: rsaOnly })))).not.toContain("cipher.no_forward_secrecy");
    expect(
      codes(
        lintClientProfile(
          client({ protocols: ["tls_v1.2"], ciphers: [...rsaOnly, "ECDHE_RSA_WITH_AES_256_CBC_SHA384"] }),
        ),
      ),
    ).not.toContain("cipher.no_forward_secrecy");
  });

  it("cipher.tls12_no_aead: TLS 1.2 with CBC suites only; one GCM suite clears it", () => {
    const cbc: CipherName[] = ["ECDHE_RSA_WITH_AES_256_CBC_SHA384"];
    expect(find(lintServerProfile(server({ ciphers: cbc })), "cipher.tls12_no_aead")?.severity).toBe("warning");
    expect(codes(lintServerProfile(server({ ciphers: [...cbc, "ECDHE_RSA_WITH_AES_256_GCM_SHA384"] })))).not.toContain(
      "cipher.tls12_no_aead",
    );
    const only13: TlsProtocol[] = ["tls_v1.3"];
    expect(codes(lintServerProfile(server({ protocols: only13, ciphers: ["TLS_AES_128_GCM_SHA256"] })))).toEqual([]);
  });

  it("client.insecure_server_connections is critical; off clears it", () => {
    expect(
      find(lintClientProfile(client({ insecure_server_connections: true })), "client.insecure_server_connections"),
    ).toMatchObject({
      severity: "critical",
    });
    expect(codes(lintClientProfile(client({ insecure_server_connections: false })))).toEqual([]);
  });

  it("client.sni_disabled is a warning; on clears it", () => {
    expect(find(lintClientProfile(client({ server_name_indication: false })), "client.sni_disabled")?.severity).toBe(
      "warning",
    );
  });

  it("server.mutual_tls_request is info; require and none are clean", () => {
    expect(
      find(lintServerProfile(server({ mutual_authentication: "request" })), "server.mutual_tls_request")?.severity,
    ).toBe("info");
    expect(lintServerProfile(server({ mutual_authentication: "require" }))).toEqual([]);
  });

  it("profile.keystore_lacks_client_auth / _server_auth: EKU without the needed purpose, naming the keystore", () => {
    const serverOnly = { name: "edge-cert", extendedKeyUsage: [EKU.serverAuth] };
    const clientOnly = { name: "partner-cert", extendedKeyUsage: [EKU.clientAuth] };
    expect(
      find(lintClientProfile(client({ keystore: serverOnly })), "profile.keystore_lacks_client_auth"),
    ).toMatchObject({
      severity: "critical",
      message: expect.stringContaining("edge-cert"),
    });
    expect(
      find(lintServerProfile(server({ keystore: clientOnly })), "profile.keystore_lacks_server_auth"),
    ).toBeDefined();
    expect(lintClientProfile(client({ keystore: clientOnly }))).toEqual([]);
    expect(lintServerProfile(server({ keystore: serverOnly }))).toEqual([]);
    // No EKU extension allows every purpose; anyExtendedKeyUsage too.
    expect(lintClientProfile(client({ keystore: { name: "k", extendedKeyUsage: null } }))).toEqual([]);
    expect(lintServerProfile(server({ keystore: { name: "k", extendedKeyUsage: [EKU.any] } }))).toEqual([]);
  });

  it("lists the most severe first", () => {
    const f = lintClientProfile(
      client({ protocols: ["tls_v1.1", "tls_v1.2"], insecure_server_connections: true, server_name_indication: false }),
    );
    expect(f.map((x) => x.severity)).toEqual(["critical", "warning", "warning"]);
  });

  it("only the legacy preset has findings", () => {
    for (const p of TLS_PRESETS) {
      const findings = lintClientProfile(client({ protocols: p.protocols, ciphers: p.ciphers }));
      expect(findings.length > 0, p.id).toBe(p.legacy);
    }
  });
});
