import { describe, expect, it } from "vitest";
import { DEFAULT_CIPHERS, type CipherName } from "../ciphers";
import { EKU } from "../lint/key-usage";
import type { ClientProfileFacts, ServerProfileFacts } from "../lint/profile";
import { TLS_PRESETS } from "../presets";
import { DEFAULT_PROTOCOLS } from "../protocols";
import { OPEN_POLICY, type TlsPolicy, ZTlsPolicy } from "../tls-policy";
import { evaluateKey, evaluateLeaf, evaluateLifetime } from "./keystore";
import { blockedSummary } from "./compliance";
import { evaluateClientProfile, evaluateServerProfile } from "./profile";

const policy = (over: Partial<TlsPolicy>): TlsPolicy => ZTlsPolicy.parse({ ...over });
const strict = policy({
  minimum_protocol: "tls_v1.2",
  forbidden_suite_classes: ["cbc-sha1", "3des"],
  minimum_rsa_bits: 3072,
  allowed_curves: ["P-384"],
  allow_ed25519: false,
  maximum_certificate_days: 398,
  require_extended_key_usage: true,
  forbid_insecure_server_connections: true,
  forbid_sni_off: true,
});
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
const rules = (v: { rule: string }[]) => v.map((x) => x.rule);

describe("TLS policy schema", () => {
  it("an empty body is the open policy; limits outside their range are refused at the field", () => {
    expect(ZTlsPolicy.parse({})).toEqual(OPEN_POLICY);
    expect(OPEN_POLICY).toMatchObject({ minimum_protocol: null, allowed_curves: ["P-256", "P-384", "P-521"] });
    const r = ZTlsPolicy.safeParse({ minimum_rsa_bits: 1024, maximum_certificate_days: 0, nonsense: 1 });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join(".") || i.code)).toEqual(
      expect.arrayContaining(["minimum_rsa_bits", "maximum_certificate_days", "unrecognized_keys"]),
    );
  });
});

describe("TLS policy schema against hostile bodies", () => {
  it("a list longer than its choices is refused at once, with one issue at the field", () => {
    // Preview needs only Settings: View: one issue per bad entry of a 5 MB body was seconds of CPU and ~200 MB out.
    const huge = Array.from({ length: 100_000 }, () => 1);
    for (const field of ["forbidden_suite_classes", "allowed_curves"]) {
      const r = ZTlsPolicy.safeParse({ [field]: huge });
      expect(r.error!.issues.map((i) => i.path.join("."))).toEqual([field]);
    }
  });

  it.each([
    ["minimum_rsa_bits", 1e309],
    ["minimum_rsa_bits", -4096],
    ["minimum_rsa_bits", 3072.5],
    ["minimum_rsa_bits", "4096"],
    ["maximum_certificate_days", 0],
    ["maximum_certificate_days", Number.MAX_SAFE_INTEGER + 2],
    ["minimum_protocol", "TLS_V1.2"],
    ["allowed_curves", ["P-256", "secp256k1"]],
    ["allowed_curves", "P-256"],
    ["forbidden_suite_classes", ["rc4"]],
    ["allow_ed25519", "false"],
    ["forbid_sni_off", 1],
  ])("%s: %j is refused at the field", (field, value) => {
    const r = ZTlsPolicy.safeParse({ [field]: value });
    expect(r.success).toBe(false);
    expect(new Set(r.error!.issues.map((i) => i.path[0]))).toEqual(new Set([field]));
  });
});

describe("policy evaluation of profiles", () => {
  it("the open policy accepts every preset, even the legacy one, and the strict one accepts the modern presets", () => {
    for (const p of TLS_PRESETS) {
      expect(evaluateClientProfile(OPEN_POLICY, client({ protocols: p.protocols, ciphers: p.ciphers }))).toEqual([]);
      const v = evaluateServerProfile(strict, server({ protocols: p.protocols, ciphers: p.ciphers }));
      expect(v.length > 0, p.id).toBe(p.legacy);
    }
  });

  it("minimum_protocol names the rule and the protocols below it, at protocols", () => {
    const v = evaluateClientProfile(strict, client({ protocols: ["tls_v1.0", "tls_v1.1", "tls_v1.2"] }));
    expect(v).toEqual([
      {
        rule: "minimum_protocol",
        field: "protocols",
        message: "policy: minimum protocol is TLS 1.2 (TLS 1.0 and TLS 1.1 are enabled)",
      },
    ]);
    expect(evaluateClientProfile(policy({ minimum_protocol: "tls_v1.3" }), client())).toEqual([
      expect.objectContaining({ message: "policy: minimum protocol is TLS 1.3 (TLS 1.2 is enabled)" }),
    ]);
  });

  it("forbidden_suite_classes looks at the effective ciphers and only at the forbidden flags", () => {
    const ciphers: CipherName[] = ["ECDHE_RSA_WITH_AES_128_CBC_SHA", "RSA_WITH_AES_128_GCM_SHA256"];
    const v = evaluateServerProfile(strict, server({ protocols: ["tls_v1.2"], ciphers }));
    expect(v).toEqual([expect.objectContaining({ rule: "forbidden_suite_classes", field: "ciphers" })]);
    expect(v[0].message).toMatch(/^policy: suites with CBC with SHA-1 MAC and 3DES .* are forbidden/);
    expect(v[0].message).toContain("ECDHE_RSA_WITH_AES_128_CBC_SHA (CBC with SHA-1 MAC)");
    expect(v[0].message).not.toContain("RSA_WITH_AES_128_GCM_SHA256");
    expect(evaluateServerProfile(policy({ forbidden_suite_classes: ["static-rsa"] }), server({ ciphers }))).toEqual([
      expect.objectContaining({ message: expect.stringContaining("RSA_WITH_AES_128_GCM_SHA256") }),
    ]);
  });

  it("insecure server connections and SNI off are lint rules made binding, each at its own field", () => {
    const v = evaluateClientProfile(
      strict,
      client({ insecure_server_connections: true, server_name_indication: false }),
    );
    expect(v.map((x) => [x.rule, x.field])).toEqual([
      ["forbid_insecure_server_connections", "insecure_server_connections"],
      ["forbid_sni_off", "server_name_indication"],
    ]);
    expect(v[1].message).toMatch(/^policy: Server Name Indication stays on \(Server Name Indication is off/);
    expect(evaluateClientProfile(OPEN_POLICY, client({ insecure_server_connections: true }))).toEqual([]);
  });

  it("require_extended_key_usage: the keystore's leaf must allow the profile's purpose, at keystore_url", () => {
    const serverOnly = { name: "edge-cert", extendedKeyUsage: [EKU.serverAuth] };
    expect(evaluateClientProfile(strict, client({ keystore: serverOnly }))).toEqual([
      expect.objectContaining({
        rule: "require_extended_key_usage",
        field: "keystore_url",
        message: expect.stringContaining("edge-cert does not allow clientAuth"),
      }),
    ]);
    expect(evaluateServerProfile(strict, server({ keystore: serverOnly }))).toEqual([]);
    expect(evaluateClientProfile(OPEN_POLICY, client({ keystore: serverOnly }))).toEqual([]);
  });
});

describe("policy evaluation of keys and certificates", () => {
  it("key rules: RSA size, curves, Ed25519", () => {
    expect(rules(evaluateKey(strict, "RSA 2048", "k"))).toEqual(["minimum_rsa_bits"]);
    expect(evaluateKey(strict, "RSA 2048", "generate.key_type")[0]).toEqual({
      rule: "minimum_rsa_bits",
      field: "generate.key_type",
      message: "policy: RSA keys have at least 3072 bits (this key is RSA 2048)",
    });
    expect(evaluateKey(strict, "RSA 4096", "k")).toEqual([]);
    expect(evaluateKey(strict, "EC P-256", "k")[0].message).toBe("policy: EC keys use P-384 (this key is EC P-256)");
    expect(evaluateKey(strict, "EC P-384", "k")).toEqual([]);
    expect(rules(evaluateKey(strict, "Ed25519", "k"))).toEqual(["allow_ed25519"]);
    expect(evaluateKey(policy({ allowed_curves: [] }), "EC P-384", "k")[0].message).toMatch(/EC keys are not allowed/);
    for (const k of ["RSA 2048", "EC P-521", "Ed25519"]) expect(evaluateKey(OPEN_POLICY, k, "k")).toEqual([]);
  });

  it("lifetime: a requested number of days, or a leaf's validity in whole days", () => {
    expect(evaluateLifetime(strict, 399, "generate.self_signed_days")[0].message).toBe(
      "policy: certificates are valid for at most 398 days (this one would be valid for 399 days)",
    );
    expect(evaluateLifetime(strict, 398, "x")).toEqual([]);
    const leaf = (days: number, eku: string[] | null = null) => ({
      keystore: "api",
      // Backdated by a minute, as generated certificates are.
      notBefore: new Date(Date.UTC(2027, 0, 1) - 60_000).toISOString(),
      notAfter: new Date(Date.UTC(2027, 0, 1) + days * 86_400_000).toISOString(),
      extendedKeyUsage: eku,
    });
    expect(evaluateLeaf(strict, leaf(398), [], "certificate")).toEqual([]);
    // 398 days and 23 hours is a started 399th day.
    expect(evaluateLeaf(strict, leaf(398 + 23 / 24), [], "certificate")).toEqual([
      expect.objectContaining({ rule: "maximum_certificate_days", message: expect.stringContaining("399 days") }),
    ]);
    expect(evaluateLeaf(strict, leaf(825), [], "certificate")).toEqual([
      expect.objectContaining({ rule: "maximum_certificate_days", message: expect.stringContaining("825 days") }),
    ]);
    const v = evaluateLeaf(strict, leaf(90, [EKU.serverAuth]), ["server", "client", "client"], "certificate");
    expect(v).toEqual([expect.objectContaining({ rule: "require_extended_key_usage", field: "certificate" })]);
    expect(evaluateLeaf(OPEN_POLICY, leaf(5000, [EKU.serverAuth]), ["client"], "certificate")).toEqual([]);
  });
});

describe("the compliance headline", () => {
  const report = (client: number, server: number, keystore: number, exempt = 0) => ({
    blocked: { tls_client_profile: client, tls_server_profile: server, keystore },
    exempt,
  });
  it("says what switching a proposed policy on would block, counting profiles of both kinds", () => {
    expect(blockedSummary(report(2, 1, 0), true)).toBe("Switching this on would block edits to 3 profiles.");
    expect(blockedSummary(report(1, 0, 1, 2), true)).toBe(
      "Switching this on would block edits to 1 profile and refuse copies of 1 keystore until its key material is replaced. 2 installation defaults break it too: exempt, as defaults cannot be edited.",
    );
    expect(blockedSummary(report(0, 0, 0), false)).toBe(
      "Nothing is blocked: every profile and keystore you can edit complies.",
    );
  });
});
