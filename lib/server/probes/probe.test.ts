import { createServer as createHttpServer } from "node:http";
import { createServer as createTcpServer } from "node:net";
import { createServer, type TlsOptions } from "node:tls";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { issue } from "@/lib/crypto/pki";
import { guardedDial, probe, type ProbeRequest } from "@/lib/server/probes/probe";
import type { ClientProfileTls } from "@/lib/server/profiles/node-tls-options";
import { CIPHER_BY_NAME, type CipherName, DEFAULT_CIPHERS, TLS13_CIPHERS } from "@/lib/tls/ciphers";
import { closeLoopbackServers, fakeDns, onLoopback } from "@/tests/helpers/loopback";
import { opensslServer, stopOpensslServers } from "@/tests/helpers/openssl-server";

/**
 * Real servers on loopback (Node's and openssl s_server), each set up to fail one way; the probe must name the way
 * by its code. No TLS is mocked: what the probe reads is what a gateway's clients would meet.
 */
const now = new Date();
const root = issue(now, { commonName: "Probe Root CA", usage: "ca" });
const issuing = issue(now, { commonName: "Probe Issuing CA", usage: "ca" }, root);
const leaf = issue(now, { commonName: "api.probe.test", usage: "server", dnsNames: ["api.probe.test"] }, issuing);
const otherRoot = issue(now, { commonName: "Other Root CA", usage: "ca" });
const partnerCa = issue(now, { commonName: "Partner CA", usage: "ca" });
const client = issue(now, { commonName: "probe client", usage: "client" }, root);
const partnerClient = issue(now, { commonName: "partner client", usage: "client" }, partnerCa);

const fullChain = leaf.certPem + issuing.certPem;
const profile: ClientProfileTls = {
  protocols: ["tls_v1.2", "tls_v1.3"],
  ciphers: DEFAULT_CIPHERS,
  insecure_server_connections: false,
  server_name_indication: true,
};
const trustRoot = { truststore: { caPems: [root.certPem] } };
const dns = fakeDns({ "api.probe.test": ["127.0.0.1"], "other.probe.test": ["127.0.0.1"] });

beforeEach(() => vi.stubEnv("OUTBOUND_ALLOW", "127.0.0.0/8"));
afterEach(async () => {
  vi.unstubAllEnvs();
  await closeLoopbackServers();
  await stopOpensslServers();
});

const tlsServer = (options: TlsOptions) =>
  onLoopback(createServer({ key: leaf.keyPem, cert: fullChain, ...options }, (socket) => socket.end("hello")));

function run(
  port: number,
  over: Partial<Omit<ProbeRequest, "profile">> & { profile?: Partial<ClientProfileTls> } = {},
) {
  const host = over.host ?? "api.probe.test";
  return probe({
    material: trustRoot,
    host,
    port,
    dial: guardedDial(host, port, dns),
    pauseMs: 0,
    now,
    ...over,
    profile: { ...profile, ...over.profile },
  });
}

const subjects = (r: Awaited<ReturnType<typeof probe>>) => r.peer_certificates.map((c) => c.subject);

describe("a handshake that works", () => {
  it("reports TLS 1.3, the suite by both names, the chain in the order sent, timings", async () => {
    const r = await run(await tlsServer({}));
    expect(r).toMatchObject({
      ok: true,
      protocol: "tls_v1.3",
      cipher: "TLS_AES_256_GCM_SHA384",
      cipher_iana: "TLS_AES_256_GCM_SHA384",
      trusted: true,
      chain_order: "as_sent",
      chain_problems: [],
      client_certificate_requested: false,
      target: { host: "api.probe.test", address: "127.0.0.1" },
    });
    expect(subjects(r)).toEqual(["CN=api.probe.test", "CN=Probe Issuing CA"]);
    expect(r.message).toBe("Connected with TLS 1.3 and TLS_AES_256_GCM_SHA384.");
    expect(r.timings_ms.handshake).toBeGreaterThanOrEqual(0);
    expect(r.client_certificate_accepted).toBeUndefined();
  });

  it("lists at most 10 of the certificates a server floods it with, and says how many came", async () => {
    const extras = Array.from({ length: 12 }, (_, i) => issue(now, { commonName: `Extra ${i}`, usage: "ca" }).certPem);
    const r = await run(await tlsServer({ cert: fullChain + extras.join("") }));
    expect(r).toMatchObject({ ok: true, chain_order: "as_sent" });
    expect(r.peer_certificates).toHaveLength(10);
    expect(r.chain_problems[0]).toMatchObject({ code: "too_many_certificates" });
    expect(r.message).toContain("The server sent 14 certificates; only the first 10 were examined.");
  });

  it("reports a TLS 1.2 suite by its API Connect name and its IANA name", async () => {
    const r = await run(await tlsServer({}), {
      profile: { protocols: ["tls_v1.2"], ciphers: ["ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"] },
    });
    expect(r).toMatchObject({
      ok: true,
      protocol: "tls_v1.2",
      cipher: "ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
      cipher_iana: "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
      chain_order: "as_sent",
    });
  });

  it.each(TLS13_CIPHERS)("reads the sealed TLS 1.3 Certificate under %s", async (suite) => {
    const openssl = CIPHER_BY_NAME.get(suite)!.openssl;
    const r = await run(await tlsServer({ ciphers: openssl, minVersion: "TLSv1.3" }), {
      profile: { protocols: ["tls_v1.3"], ciphers: [suite] },
    });
    expect(r).toMatchObject({ ok: true, cipher: suite, chain_order: "as_sent" });
    expect(subjects(r)).toEqual(["CN=api.probe.test", "CN=Probe Issuing CA"]);
  });

  it.each(["-tls1_3", "-tls1_2"])(
    "lists a misordered chain from s_server %s as wrong_order, in the order sent",
    async (version) => {
      const port = await opensslServer({
        keyPem: leaf.keyPem,
        certPem: leaf.certPem,
        chainPems: [root.certPem, issuing.certPem],
        args: [version],
      });
      const r = await run(port);
      expect(r.ok).toBe(true);
      expect(subjects(r)).toEqual(["CN=api.probe.test", "CN=Probe Root CA", "CN=Probe Issuing CA"]);
      expect(r.chain_problems.map((p) => [p.code, p.position])).toEqual([["wrong_order", 2]]);
      expect(r.message).toContain("out of order");
    },
  );
});

describe("client certificates", () => {
  const mutual = { requestCert: true, rejectUnauthorized: true, ca: [root.certPem] };
  const withKeystore = (pair: typeof client) => ({
    ...trustRoot,
    keystore: { keyPem: pair.keyPem, chainPem: pair.certPem },
  });

  it.each(["tls_v1.2", "tls_v1.3"] as const)("%s: requested and accepted", async (protocol) => {
    const r = await run(await tlsServer(mutual), {
      profile: { protocols: [protocol] },
      material: withKeystore(client),
    });
    expect(r).toMatchObject({
      ok: true,
      protocol,
      client_certificate_requested: true,
      client_certificate_accepted: true,
    });
  });

  it.each(["tls_v1.2", "tls_v1.3"] as const)("%s: required, and the profile has no keystore", async (protocol) => {
    const r = await run(await tlsServer(mutual), { profile: { protocols: [protocol] } });
    expect(r).toMatchObject({ ok: false, code: "client_certificate_required", client_certificate_requested: true });
    expect(r.message).toContain("no keystore");
  });

  it.each(["tls_v1.2", "tls_v1.3"] as const)(
    "%s: rejected, issued by a CA the server does not trust",
    async (protocol) => {
      const r = await run(await tlsServer(mutual), {
        profile: { protocols: [protocol] },
        material: withKeystore(partnerClient),
      });
      expect(r).toMatchObject({
        ok: false,
        code: "client_certificate_rejected",
        client_certificate_requested: true,
        client_certificate_accepted: false,
      });
      expect(r.fix).toContain("'Partner CA'");
    },
  );
});

describe("client certificates judged by openssl s_server (which answers with an alert)", () => {
  const withKeystore = (pair: typeof client) => ({
    ...trustRoot,
    keystore: { keyPem: pair.keyPem, chainPem: pair.certPem },
  });
  const sServer = (version: string) =>
    opensslServer({
      keyPem: leaf.keyPem,
      certPem: leaf.certPem,
      chainPems: [issuing.certPem],
      caPems: [root.certPem],
      args: [version, "-Verify", "1", "-verify_return_error"],
    });

  it.each(["-tls1_2", "-tls1_3"])("%s: accepted, and rejected with unknown_ca", async (version) => {
    const good = await run(await sServer(version), { material: withKeystore(client) });
    expect(good).toMatchObject({ ok: true, client_certificate_requested: true, client_certificate_accepted: true });
    const bad = await run(await sServer(version), { material: withKeystore(partnerClient) });
    expect(bad).toMatchObject({ ok: false, code: "client_certificate_rejected", client_certificate_accepted: false });
    expect(bad.message).toBe('The server rejected the client certificate: the server answered "unknown_ca".');
  });
});

describe("failures, each by its code", () => {
  it("protocol_mismatch: says what the server speaks and what the profile allows", async () => {
    const r = await run(await tlsServer({ minVersion: "TLSv1.3" }), { profile: { protocols: ["tls_v1.2"] } });
    expect(r).toMatchObject({ ok: false, code: "protocol_mismatch" });
    expect(r.message).toBe("No protocol in common: the server speaks TLS 1.3 only, the profile allows TLS 1.2 only.");
    expect(r.fix).toContain("Allow TLS 1.3");
  });

  it("no_shared_cipher: names the suites the server offers", async () => {
    const port = await tlsServer({
      maxVersion: "TLSv1.2",
      ciphers: "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES256-SHA",
    });
    const r = await run(port, {
      profile: { protocols: ["tls_v1.2"], ciphers: ["ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"] },
    });
    expect(r).toMatchObject({ ok: false, code: "no_shared_cipher" });
    expect(r.message).toContain("ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 and ECDHE_ECDSA_WITH_AES_256_CBC_SHA");
    expect(r.fix).toContain("Select ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 (TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384)");
  });

  it("unknown_ca: names the root the truststore lacks", async () => {
    const port = await onLoopback(createServer({ key: leaf.keyPem, cert: fullChain + root.certPem }));
    const r = await run(port, { material: { truststore: { caPems: [otherRoot.certPem] } } });
    expect(r).toMatchObject({ ok: false, code: "unknown_ca", trusted: false });
    expect(r.message).toContain("'Probe Root CA'");
    expect(r.chain_problems.map((p) => p.code)).toEqual(["untrusted"]);
  });

  it("incomplete_chain: the server sends its leaf only; names the intermediate it needs", async () => {
    const r = await run(await tlsServer({ cert: leaf.certPem }));
    expect(r).toMatchObject({ ok: false, code: "incomplete_chain" });
    expect(r.message).toContain("'Probe Issuing CA'");
    expect(r.chain_problems.map((p) => p.code)).toEqual(["missing_intermediate"]);
  });

  it("hostname_mismatch: lists the names the certificate is valid for", async () => {
    const r = await run(await tlsServer({}), { host: "other.probe.test" });
    expect(r).toMatchObject({ ok: false, code: "hostname_mismatch", trusted: true });
    expect(r.message).toBe("The server's certificate is not valid for other.probe.test; it names api.probe.test.");
  });

  it("certificate_expired and certificate_not_yet_valid, with day counts", async () => {
    const expired = issue(
      now,
      { commonName: "api.probe.test", usage: "server", dnsNames: ["api.probe.test"], fromDays: -30, toDays: -2 },
      issuing,
    );
    const early = issue(
      now,
      { commonName: "api.probe.test", usage: "server", dnsNames: ["api.probe.test"], fromDays: 3 },
      issuing,
    );
    const a = await run(await tlsServer({ key: expired.keyPem, cert: expired.certPem + issuing.certPem }));
    expect(a).toMatchObject({ ok: false, code: "certificate_expired" });
    expect(a.message).toBe("The server's certificate 'api.probe.test' expired 2 days ago.");
    const b = await run(await tlsServer({ key: early.keyPem, cert: early.certPem + issuing.certPem }));
    expect(b).toMatchObject({ ok: false, code: "certificate_not_yet_valid" });
    expect(b.message).toContain("in 3 days");
  });

  it("an insecure profile connects anyway, with the problems still listed", async () => {
    const r = await run(await tlsServer({}), {
      profile: { insecure_server_connections: true },
      material: { truststore: { caPems: [otherRoot.certPem] } },
    });
    expect(r).toMatchObject({ ok: true, trusted: false });
    expect(r.code).toBeUndefined();
    expect(r.chain_problems.map((p) => p.code)).toEqual(["untrusted"]);
    expect(r.message).toContain("insecure server connections");
  });

  it("unrecognized_name: s_server refuses the name sent as SNI", async () => {
    const other = issue(now, { commonName: "other.test", usage: "server", dnsNames: ["other.test"] }, issuing);
    const port = await opensslServer({
      keyPem: other.keyPem,
      certPem: other.certPem,
      second: other,
      args: ["-servername", "other.test", "-servername_fatal"],
    });
    const r = await run(port);
    expect(r).toMatchObject({ ok: false, code: "unrecognized_name" });
    expect(r.message).toContain("api.probe.test");
  });

  it("not_tls: says what kind of service the port speaks instead, never quoting what it sent", async () => {
    const ssh = await onLoopback(createTcpServer((s) => s.write("SSH-2.0-OpenSSH_9.2p1 \x00\x07\r\nmore")));
    const a = await run(ssh);
    expect(a).toMatchObject({ ok: false, code: "not_tls" });
    expect(a.message).toBe(
      "127.0.0.1 answered".replace("127.0.0.1", `api.probe.test:${ssh}`) +
        ", but not with TLS: it looks like an SSH server.",
    );
    const http = await onLoopback(createHttpServer((_req, res) => res.end("hi")));
    const b = await run(http);
    expect(b).toMatchObject({ ok: false, code: "not_tls" });
    expect(b.fix).toContain("https port");
  });

  it("timeout: a server that accepts and never answers", async () => {
    const port = await onLoopback(createTcpServer(() => undefined));
    const r = await run(port, { timeoutMs: 300 });
    expect(r).toMatchObject({ ok: false, code: "timeout" });
    expect(r.message).toContain("never answered the ClientHello");
  });

  it("refused and dns_failed", async () => {
    const port = await onLoopback(createTcpServer());
    await closeLoopbackServers();
    expect((await run(port)).code).toBe("refused");
    expect((await run(port, { host: "nowhere.probe.test" })).code).toBe("dns_failed");
  });
});

describe("the outbound guard", () => {
  it("denies 169.254.169.254 and a name resolving to 127.0.0.1 without OUTBOUND_ALLOW, at the host", async () => {
    vi.stubEnv("OUTBOUND_ALLOW", "");
    const metadata = await run(443, { host: "169.254.169.254" });
    expect(metadata).toMatchObject({ ok: false, code: "denied", field: "host" });
    expect(metadata.message).toContain("link-local");
    const port = await tlsServer({});
    const loop = await run(port);
    expect(loop).toMatchObject({ ok: false, code: "denied", field: "host" });
    expect(loop.message).toContain("loopback");
  });

  it("denies a port below 1024 outside the TLS ports unless OUTBOUND_ALLOW covers the address, at the port", async () => {
    const lookup = fakeDns({ "mail.probe.test": ["192.0.2.25"] });
    const r = await probe({
      profile,
      material: {},
      host: "mail.probe.test",
      port: 25,
      dial: guardedDial("mail.probe.test", 25, lookup),
    });
    expect(r).toMatchObject({ ok: false, code: "denied", field: "port" });
    expect(r.message).toContain("443, 465, 636, 853 and 989–995");
  });
});

describe("scan", () => {
  it("matrix against s_server with TLS 1.2 and two suites, and the suggestion that makes them meet", async () => {
    const rsa = issue(
      now,
      { commonName: "api.probe.test", usage: "server", dnsNames: ["api.probe.test"], keyKind: "rsa-2048" },
      issuing,
    );
    const port = await opensslServer({
      keyPem: rsa.keyPem,
      certPem: rsa.certPem,
      chainPems: [issuing.certPem],
      args: ["-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256:AES256-SHA"],
    });
    const r = await run(port, { scan: true, profile: { protocols: ["tls_v1.3"], ciphers: [] } });
    expect(r.code).toBe("protocol_mismatch");
    const scan = r.scan!;
    expect(scan.protocols.filter((p) => p.server_accepts).map((p) => p.protocol)).toEqual(["tls_v1.2"]);
    expect(scan.protocols.filter((p) => p.profile_allows).map((p) => p.protocol)).toEqual(["tls_v1.3"]);
    const accepted: CipherName[] = ["RSA_WITH_AES_256_CBC_SHA", "ECDHE_RSA_WITH_AES_128_GCM_SHA256"];
    expect(scan.ciphers.filter((c) => c.server_accepts).map((c) => c.name)).toEqual(accepted);
    expect(scan.ciphers.filter((c) => c.profile_selects).map((c) => c.name)).toEqual(TLS13_CIPHERS);
    expect(scan.suggestion).toBe("Allow TLS 1.2 in the profile: the server speaks TLS 1.2, the profile none of them.");
    expect(scan.timed_out).toBeUndefined();
  });
});
