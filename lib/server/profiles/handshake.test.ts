import type { AddressInfo } from "node:net";
import { connect, createServer, type TLSSocket } from "node:tls";
import { afterEach, describe, expect, it } from "vitest";
import { issue } from "@/lib/crypto/pki";
import { CIPHER_BY_NAME, DEFAULT_CIPHERS } from "@/lib/tls/ciphers";
import {
  clientTlsOptions,
  type ClientProfileTls,
  serverTlsOptions,
  type ServerProfileTls,
  type TlsMaterial,
} from "@/lib/server/profiles/node-tls-options";

/**
 * Ground truth: a real TLS server built from a server profile, a real client from a client profile, on
 * loopback. What these tests see is what a gateway configured from the same profiles would do.
 */
const now = new Date();
const ca = issue(now, { commonName: "Handshake CA", usage: "ca" });
const otherCa = issue(now, { commonName: "Unrelated CA", usage: "ca" });
const serverPair = issue(now, { commonName: "localhost", usage: "server", dnsNames: ["localhost"] }, ca);
const clientPair = issue(now, { commonName: "client", usage: "client" }, ca);

const keystore = (p: typeof serverPair) => ({ keyPem: p.keyPem, chainPem: p.certPem });
const trusting = (...cas: (typeof ca)[]) => ({ caPems: cas.map((c) => c.certPem) });

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

interface Outcome {
  ok: boolean;
  protocol?: string | null;
  cipher?: string;
  error?: string;
  servername?: string | false;
  clientAuthorized?: boolean;
}

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

/** Starts the server, connects, and reports what both ends saw once the handshake settles. */
async function handshake(
  server: ServerProfileTls,
  serverMaterial: TlsMaterial,
  client: ClientProfileTls,
  clientMaterial: TlsMaterial,
): Promise<Outcome> {
  let seen: { servername?: string | false; authorized?: boolean } = {};
  const srv = createServer(serverTlsOptions(server, serverMaterial), (socket: TLSSocket) => {
    seen = {
      servername: (socket as TLSSocket & { servername?: string | false }).servername,
      authorized: socket.authorized,
    };
    socket.end("hello");
  });
  srv.on("tlsClientError", () => undefined);
  await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
  closers.push(() => srv.close());
  const port = (srv.address() as AddressInfo).port;
  return new Promise<Outcome>((resolve) => {
    const socket = connect({ ...clientTlsOptions(client, clientMaterial, "localhost"), port, host: "127.0.0.1" });
    socket.setTimeout(5000, () => socket.destroy(new Error("timeout")));
    let outcome: Outcome | undefined;
    socket.on("secureConnect", () => {
      outcome = { ok: true, protocol: socket.getProtocol(), cipher: socket.getCipher().standardName };
    });
    // TLS 1.3 reports a rejected client certificate only after the handshake, when the server's alert arrives.
    socket.on("data", () => socket.end());
    socket.on("error", (e) => resolve({ ok: false, error: (e as NodeJS.ErrnoException).code ?? e.message }));
    socket.on("close", () =>
      resolve(
        outcome
          ? { ...outcome, servername: seen.servername, clientAuthorized: seen.authorized }
          : { ok: false, error: "closed" },
      ),
    );
  });
}

describe("profiles as Node TLS options, proven by handshakes on loopback", () => {
  it("a good pair negotiates the expected protocol and an allowed cipher", async () => {
    const r = await handshake(serverProfile(), { keystore: keystore(serverPair) }, clientProfile(), {
      truststore: trusting(ca),
    });
    expect(r).toMatchObject({ ok: true, protocol: "TLSv1.3" });
    expect(DEFAULT_CIPHERS.map((c) => CIPHER_BY_NAME.get(c)!.iana)).toContain(r.cipher);
    expect(r.servername).toBe("localhost");
  });

  it("an address is never sent as SNI (RFC 6066); a name is, unless the profile turns SNI off", () => {
    expect(clientTlsOptions(clientProfile(), {}, "127.0.0.1").servername).toBe("");
    expect(clientTlsOptions(clientProfile(), {}, "::1").servername).toBe("");
    expect(clientTlsOptions(clientProfile(), {}, "api.example.com").servername).toBe("api.example.com");
    expect(clientTlsOptions(clientProfile({ server_name_indication: false }), {}, "api.example.com").servername).toBe(
      "",
    );
  });

  it("TLS 1.2 with one chosen cipher uses exactly that cipher", async () => {
    const only = clientProfile({ protocols: ["tls_v1.2"], ciphers: ["ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"] });
    const r = await handshake(serverProfile(), { keystore: keystore(serverPair) }, only, { truststore: trusting(ca) });
    expect(r).toMatchObject({ ok: true, protocol: "TLSv1.2", cipher: "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256" });
  });

  it("mutual TLS: required client certificate present → handshake; absent → fails", async () => {
    const server = serverProfile({ mutual_authentication: "require" });
    const material = { keystore: keystore(serverPair), truststore: trusting(ca) };
    const withCert = await handshake(server, material, clientProfile(), {
      keystore: keystore(clientPair),
      truststore: trusting(ca),
    });
    expect(withCert).toMatchObject({ ok: true, clientAuthorized: true });
    const without = await handshake(server, material, clientProfile(), { truststore: trusting(ca) });
    expect(without.ok).toBe(false);
  });

  it("mutual TLS request: a client without a certificate still connects, unauthenticated", async () => {
    const server = serverProfile({ mutual_authentication: "request" });
    const r = await handshake(server, { keystore: keystore(serverPair), truststore: trusting(ca) }, clientProfile(), {
      truststore: trusting(ca),
    });
    expect(r).toMatchObject({ ok: true, clientAuthorized: false });
  });

  it("a TLS 1.3-only server and a TLS 1.2-only client cannot agree", async () => {
    const r = await handshake(
      serverProfile({ protocols: ["tls_v1.3"] }),
      { keystore: keystore(serverPair) },
      clientProfile({ protocols: ["tls_v1.2"] }),
      { truststore: trusting(ca) },
    );
    expect(r.ok).toBe(false);
  });

  it("a truststore lacking the issuing CA fails, unless insecure server connections is on", async () => {
    const strict = await handshake(serverProfile(), { keystore: keystore(serverPair) }, clientProfile(), {
      truststore: trusting(otherCa),
    });
    expect(strict).toMatchObject({ ok: false, error: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" });
    const insecure = await handshake(
      serverProfile(),
      { keystore: keystore(serverPair) },
      clientProfile({ insecure_server_connections: true }),
      {
        truststore: trusting(otherCa),
      },
    );
    expect(insecure.ok).toBe(true);
  });

  it("deprecated TLS 1.1, when chosen on both ends, still negotiates; a protocol gap is honoured", async () => {
    const legacy = { protocols: ["tls_v1.1" as const], ciphers: ["ECDHE_ECDSA_WITH_AES_128_CBC_SHA" as const] };
    const r = await handshake(serverProfile(legacy), { keystore: keystore(serverPair) }, clientProfile(legacy), {
      truststore: trusting(ca),
    });
    expect(r).toMatchObject({ ok: true, protocol: "TLSv1.1", cipher: "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA" });
    // TLS 1.0 and 1.2 without 1.1: a 1.1-only client finds nothing to agree on.
    const gap = serverProfile({ protocols: ["tls_v1.0", "tls_v1.2"], ciphers: ["ECDHE_ECDSA_WITH_AES_128_CBC_SHA"] });
    const refused = await handshake(gap, { keystore: keystore(serverPair) }, clientProfile(legacy), {
      truststore: trusting(ca),
    });
    expect(refused.ok).toBe(false);
  });

  it("with SNI off the client sends no server name", async () => {
    const r = await handshake(
      serverProfile(),
      { keystore: keystore(serverPair) },
      clientProfile({ server_name_indication: false }),
      { truststore: trusting(ca) },
    );
    expect(r).toMatchObject({ ok: true });
    expect(r.servername).toBeFalsy();
  });
});
