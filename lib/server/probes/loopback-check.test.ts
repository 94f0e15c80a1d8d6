import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { issue } from "@/lib/crypto/pki";
import { checkWithClientProfile, type LoopbackCheckRequest } from "@/lib/server/probes/loopback-check";
import type { ClientProfileTls, ServerProfileTls } from "@/lib/server/profiles/node-tls-options";
import { DEFAULT_CIPHERS } from "@/lib/tls/ciphers";

/** A server profile and a client profile meet on a loopback listener that lives for one check only. */
const now = new Date();
const ca = issue(now, { commonName: "Gateway CA", usage: "ca" });
const partnerCa = issue(now, { commonName: "Partner CA", usage: "ca" });
const serverPair = issue(now, { commonName: "gw.check.test", usage: "server", dnsNames: ["gw.check.test"] }, ca);
const partnerClient = issue(now, { commonName: "partner app", usage: "client" }, partnerCa);
const ownClient = issue(now, { commonName: "own app", usage: "client" }, ca);

const serverProfile = (over: Partial<ServerProfileTls> = {}): ServerProfileTls => ({
  protocols: ["tls_v1.2", "tls_v1.3"],
  ciphers: DEFAULT_CIPHERS,
  mutual_authentication: "none",
  limit_renegotiation: true,
  ...over,
});
const clientProfile = (over: Partial<ClientProfileTls> = {}): ClientProfileTls => ({
  protocols: ["tls_v1.2", "tls_v1.3"],
  ciphers: DEFAULT_CIPHERS,
  insecure_server_connections: false,
  server_name_indication: true,
  ...over,
});
const keystore = (p: typeof ca) => ({ keyPem: p.keyPem, chainPem: p.certPem });

function check(
  over: {
    server?: Partial<ServerProfileTls>;
    client?: Partial<ClientProfileTls>;
    clientKeystore?: typeof ca;
    timeoutMs?: number;
  } = {},
) {
  const request: LoopbackCheckRequest = {
    server: {
      profile: serverProfile(over.server),
      material: { keystore: keystore(serverPair), truststore: { caPems: [ca.certPem] } },
    },
    client: {
      profile: clientProfile(over.client),
      material: {
        truststore: { caPems: [ca.certPem] },
        ...(over.clientKeystore ? { keystore: keystore(over.clientKeystore) } : {}),
      },
    },
    serverName: "gw.check.test",
    timeoutMs: over.timeoutMs,
  };
  return checkWithClientProfile(request);
}

/** The listener is gone once the check returns: connecting to its port is refused. */
function refused(port: number) {
  return new Promise<boolean>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(false)));
    socket.once("error", (e: NodeJS.ErrnoException) => resolve(e.code === "ECONNREFUSED"));
  });
}

describe("check a server profile with a client profile", () => {
  it("mutual TLS with a trusted client certificate: connected, accepted, listener closed", async () => {
    const r = await check({ server: { mutual_authentication: "require" }, clientKeystore: ownClient });
    expect(r).toMatchObject({
      ok: true,
      protocol: "tls_v1.3",
      client_certificate_requested: true,
      client_certificate_accepted: true,
      target: { host: "gw.check.test", address: "127.0.0.1" },
    });
    expect(await refused(r.target.port)).toBe(true);
  });

  it("mutual TLS required and the client profile has no keystore", async () => {
    const r = await check({ server: { mutual_authentication: "require" } });
    expect(r).toMatchObject({ ok: false, code: "client_certificate_required" });
    expect(r.message).toContain("the client profile has no keystore");
    expect(await refused(r.target.port)).toBe(true);
  });

  it.each(["tls_v1.2", "tls_v1.3"] as const)(
    "%s: the server profile's truststore lacks the client's issuer",
    async (protocol) => {
      const r = await check({
        server: { mutual_authentication: "require" },
        client: { protocols: [protocol] },
        clientKeystore: partnerClient,
      });
      expect(r).toMatchObject({ ok: false, code: "client_certificate_rejected", client_certificate_accepted: false });
      expect(r.message).toBe(
        "The server rejected the client certificate: the server profile's truststore lacks the issuer of the client certificate ('Partner CA').",
      );
    },
  );

  it("mutual TLS requested only: connects, and says the untrusted client is not authenticated", async () => {
    const r = await check({ server: { mutual_authentication: "request" }, clientKeystore: partnerClient });
    expect(r).toMatchObject({ ok: true, client_certificate_requested: true, client_certificate_accepted: false });
    expect(r.message).toContain("the client is not authenticated");
  });

  it("no protocol in common: names both sides' protocols", async () => {
    const r = await check({ server: { protocols: ["tls_v1.3"] }, client: { protocols: ["tls_v1.2"] } });
    expect(r).toMatchObject({ ok: false, code: "protocol_mismatch" });
    expect(r.message).toBe(
      "No protocol in common: the server profile allows TLS 1.3 only, the client profile TLS 1.2 only.",
    );
    expect(await refused(r.target.port)).toBe(true);
  });

  it("no suite in common on the shared protocol: names the server profile's suites", async () => {
    const r = await check({
      server: { protocols: ["tls_v1.2"], ciphers: ["ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"] },
      client: { protocols: ["tls_v1.2", "tls_v1.3"], ciphers: ["ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"] },
    });
    expect(r).toMatchObject({ ok: false, code: "no_shared_cipher" });
    expect(r.message).toBe(
      "No cipher suite in common: the server accepts ECDHE_ECDSA_WITH_AES_256_GCM_SHA384; the profile offers none of them.",
    );
  });

  it("closes the listener when the check runs out of time", async () => {
    // No time at all: the deadline has passed before the handshake starts, however fast the machine.
    const r = await check({ timeoutMs: 0 });
    expect(r).toMatchObject({ ok: false, code: "timeout" });
    expect(await refused(r.target.port)).toBe(true);
  });
});
