import { describe, expect, it } from "vitest";
import { diagnose, type ProbeFacts } from "@/lib/server/probes/diagnosis";
import { DEFAULT_CIPHERS } from "@/lib/tls/ciphers";

/** The diagnosis alone: facts in, code + sentence + fix out. No sockets; every code has a case. */
function facts(over: Partial<ProbeFacts> = {}): ProbeFacts {
  return {
    host: "gw.example.com",
    port: 443,
    name: "gw.example.com",
    timeoutMs: 10_000,
    profile: { protocols: ["tls_v1.2", "tls_v1.3"], ciphers: DEFAULT_CIPHERS, insecure: false, sni: true },
    answered: true,
    completed: false,
    serverHelloSeen: false,
    identityMismatch: false,
    chain: { problems: [], sans: [] },
    clientCertificate: { requested: false, sent: false },
    ...over,
  };
}
const completed = (over: Partial<ProbeFacts> = {}) =>
  facts({
    completed: true,
    serverHelloSeen: true,
    negotiated: { protocol: "tls_v1.3", cipher: "TLS_AES_128_GCM_SHA256", cipherIana: "TLS_AES_128_GCM_SHA256" },
    ...over,
  });

describe("diagnose", () => {
  it.each([
    ["dns_failed", "gw.example.com has no DNS record.", "spelling"],
    ["refused", "refused", "Check the port"],
    ["timeout", "did not accept a connection within 10 s", "firewall"],
    ["denied", "127.0.0.1 is a loopback address", "OUTBOUND_ALLOW"],
    ["unreachable", "cannot be reached", "No route"],
  ] as const)("a failed connection: %s", (code, message, fix) => {
    const d = diagnose(facts({ dial: { code, message: "gw.example.com has no DNS record." } }));
    expect(d.code).toBe(code);
    if (code === "dns_failed") expect(d.message).toBe(message);
    else if (code !== "denied" && code !== "unreachable") expect(d.message).toContain(message);
    expect(d.fix).toContain(fix);
  });

  it("not_tls: an SMTP banner points to the implicit-TLS port", () => {
    const d = diagnose(
      facts({
        notTls: { looksLike: "an SMTP mail server (STARTTLS, not TLS from the start)" },
      }),
    );
    expect(d).toMatchObject({ ok: false, code: "not_tls" });
    expect(d.message).toContain("it looks like an SMTP mail server");
    expect(d.fix).toContain("465");
  });

  it("timeout during the handshake: silent server vs stalled handshake", () => {
    expect(diagnose(facts({ timedOut: true, answered: false })).message).toContain("never answered the ClientHello");
    expect(diagnose(facts({ timedOut: true, answered: true })).message).toContain("did not finish it within 10 s");
  });

  it("protocol_mismatch: a server on deprecated protocols only is told to upgrade first", () => {
    const d = diagnose(facts({ serverSpeaks: ["tls_v1.0", "tls_v1.1"] }));
    expect(d.code).toBe("protocol_mismatch");
    expect(d.message).toBe(
      "No protocol in common: the server speaks TLS 1.0 and TLS 1.1, the profile allows TLS 1.2 and TLS 1.3.",
    );
    expect(d.fix).toContain("upgrade the server");
    expect(d.fix).toContain("allow TLS 1.1");
  });

  it("protocol_mismatch from the server's protocol_version alert, when no follow-up ran", () => {
    const d = diagnose(facts({ serverAlert: { description: 70, name: "protocol_version", afterHandshake: false } }));
    expect(d.code).toBe("protocol_mismatch");
  });

  it("unrecognized_name: with SNI on names the name; with SNI off asks to turn it on", () => {
    const alert = { description: 112, name: "unrecognized_name", afterHandshake: false };
    expect(diagnose(facts({ serverAlert: alert })).message).toContain("does not serve the name gw.example.com");
    const off = diagnose(facts({ sniNeeded: true, profile: { ...facts().profile, sni: false } }));
    expect(off).toMatchObject({ code: "unrecognized_name", fix: "Turn on server name indication in the profile." });
  });

  it("client certificates: required without a keystore, rejected with one", () => {
    const alert = { description: 116, name: "certificate_required", afterHandshake: true };
    const required = diagnose(facts({ serverAlert: alert, clientCertificate: { requested: true, sent: false } }));
    expect(required.code).toBe("client_certificate_required");
    const rejected = diagnose(
      facts({
        serverHelloSeen: true,
        serverAlert: { description: 48, name: "unknown_ca", afterHandshake: false },
        clientCertificate: { requested: true, sent: true, issuer: "Partner CA" },
      }),
    );
    expect(rejected).toMatchObject({ code: "client_certificate_rejected" });
    expect(rejected.fix).toContain("'Partner CA'");
  });

  it("no_shared_cipher: only weak suites on the server says so in the fix", () => {
    const d = diagnose(facts({ serverSpeaks: ["tls_v1.2"], serverSuites: ["RSA_WITH_AES_128_CBC_SHA"] }));
    expect(d.code).toBe("no_shared_cipher");
    expect(d.fix).toBe(
      "Select RSA_WITH_AES_128_CBC_SHA (TLS_RSA_WITH_AES_128_CBC_SHA) in the profile, though it is weak: better, enable a stronger suite on the server.",
    );
  });

  it("handshake_failed carries the server's alert and OpenSSL's reason when nothing more specific fits", () => {
    const d = diagnose(
      facts({
        serverHelloSeen: true,
        serverAlert: { description: 80, name: "internal_error", afterHandshake: false },
        reason: "tlsv1 alert internal error",
      }),
    );
    expect(d).toMatchObject({ code: "handshake_failed" });
    expect(d.message).toBe('The handshake failed: the server answered "internal_error" (tlsv1 alert internal error).');
  });

  it("certificate codes follow OpenSSL's verdict, named from the chain", () => {
    const expired = completed({
      verifyError: "CERT_HAS_EXPIRED",
      chain: { problems: [], sans: [], expired: { name: "gw", days: 4, position: 0 } },
    });
    expect(diagnose(expired).message).toBe("The server's certificate 'gw' expired 4 days ago.");
    const early = completed({
      verifyError: "CERT_NOT_YET_VALID",
      chain: { problems: [], sans: [], notYetValid: { name: "gw", days: 2, position: 0 } },
    });
    expect(diagnose(early).code).toBe("certificate_not_yet_valid");
    const incomplete = completed({
      verifyError: "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
      chain: { problems: [], sans: [], missingIssuer: "R11" },
    });
    expect(diagnose(incomplete)).toMatchObject({ code: "incomplete_chain" });
    const unknown = completed({
      verifyError: "SELF_SIGNED_CERT_IN_CHAIN",
      chain: { problems: [], sans: [], untrustedIssuer: "Corp Root" },
    });
    expect(diagnose(unknown)).toMatchObject({
      code: "unknown_ca",
      fix: "Add 'Corp Root' to the profile's truststore.",
    });
  });

  it("a check names the client profile's truststore, not an ambiguous 'profile'", () => {
    const serverView = { mutual: "none" as const, clientSentCertificate: false };
    const unknown = completed({
      serverView,
      verifyError: "SELF_SIGNED_CERT_IN_CHAIN",
      chain: { problems: [], sans: [], untrustedIssuer: "Corp Root" },
    });
    expect(diagnose(unknown)).toMatchObject({
      code: "unknown_ca",
      message:
        "The client profile's truststore lacks 'Corp Root', the certificate authority behind the server's certificate.",
      fix: "Add 'Corp Root' to the client profile's truststore.",
    });
    const incomplete = completed({
      serverView,
      verifyError: "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
      chain: { problems: [], sans: [], missingIssuer: "R11" },
    });
    expect(diagnose(incomplete).fix).toBe(
      "If 'R11' is a root CA, add it to the client profile's truststore (give the profile one if it has none); if it is an intermediate, put it after the certificate in the server profile's keystore.",
    );
  });

  it("unknown_ca for a self-signed server certificate says it is one, not a certificate authority", () => {
    const selfSigned = completed({
      verifyError: "DEPTH_ZERO_SELF_SIGNED_CERT",
      chain: { problems: [], sans: [], untrustedIssuer: "localhost", untrustedSelfSigned: true },
    });
    expect(diagnose(selfSigned)).toMatchObject({
      code: "unknown_ca",
      message:
        "The server presents 'localhost', a self-signed certificate (no CA issued it), and the profile's truststore does not hold it.",
      fix: "Add the server's own certificate 'localhost' to the profile's truststore, or give the server a certificate from a CA it holds.",
    });
  });

  it("hostname_mismatch lists the names, and says so when there are none", () => {
    const named = completed({
      identityMismatch: true,
      chain: { problems: [], sans: ["DNS:a.example.com", "IP Address:10.0.0.1"] },
    });
    expect(diagnose(named).message).toBe(
      "The server's certificate is not valid for gw.example.com; it names a.example.com and 10.0.0.1.",
    );
    expect(diagnose(completed({ identityMismatch: true })).message).toContain("no alternative names");
  });

  it("success: says protocol and suite; notes a chain that works here but is out of order", () => {
    expect(diagnose(completed())).toEqual({ ok: true, message: "Connected with TLS 1.3 and TLS_AES_128_GCM_SHA256." });
    const messy = completed({
      chain: { problems: [{ code: "wrong_order", message: "Out of order.", position: 2 }], sans: [] },
    });
    expect(diagnose(messy)).toMatchObject({ ok: true, message: expect.stringContaining("Out of order.") });
  });

  it("an insecure profile succeeds despite a certificate failure, and the fix says to turn it off", () => {
    const d = diagnose(
      completed({
        profile: { ...facts().profile, insecure: true },
        verifyError: "DEPTH_ZERO_SELF_SIGNED_CERT",
        chain: { problems: [], sans: [], untrustedIssuer: "gw" },
      }),
    );
    expect(d.ok).toBe(true);
    expect(d.code).toBeUndefined();
    expect(d.fix).toContain("turn off insecure server connections");
  });
});
