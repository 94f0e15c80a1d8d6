import type { AddressInfo } from "node:net";
import { connect, createServer } from "node:tls";
import { afterEach, describe, expect, it } from "vitest";
import { issue } from "@/lib/crypto/pki";
import { CIPHER_BY_NAME, type CipherName } from "@/lib/tls/ciphers";
import { presetById, TLS_PRESETS, type TlsPreset } from "@/lib/tls/presets";
import type { TlsProtocol } from "@/lib/tls/protocols";
import { clientTlsOptions, serverTlsOptions } from "@/lib/server/profiles/node-tls-options";

/**
 * Each preset, stored as a server and a client profile, negotiates on loopback through the same Node TLS options
 * the console uses (handshake.test.ts is the ground truth for profile fields; this proves the presets' lists).
 */
const now = new Date();
const ca = issue(now, { commonName: "Preset CA", usage: "ca" });
const ecServer = issue(now, { commonName: "localhost", usage: "server", dnsNames: ["localhost"] }, ca);
const rsaServer = issue(
  now,
  { commonName: "localhost", usage: "server", dnsNames: ["localhost"], keyKind: "rsa-2048" },
  ca,
);

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

/** A server from `preset`; the client uses the preset too, unless told other protocols or ciphers. */
async function negotiate(
  preset: TlsPreset,
  pair: typeof ecServer,
  clientProtocols: TlsProtocol[] = preset.protocols,
  clientCiphers: CipherName[] = preset.ciphers,
) {
  const srv = createServer(
    serverTlsOptions(
      {
        protocols: preset.protocols,
        ciphers: preset.ciphers,
        mutual_authentication: "none",
        limit_renegotiation: true,
      },
      { keystore: { keyPem: pair.keyPem, chainPem: pair.certPem } },
    ),
    (socket) => socket.end(),
  );
  srv.on("tlsClientError", () => undefined);
  await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
  closers.push(() => srv.close());
  const client = clientTlsOptions(
    {
      protocols: clientProtocols,
      ciphers: clientCiphers,
      insecure_server_connections: false,
      server_name_indication: true,
    },
    { truststore: { caPems: [ca.certPem] } },
    "localhost",
  );
  return new Promise<{ ok: boolean; protocol?: string | null; cipher?: string; error?: string }>((resolve) => {
    const socket = connect({ ...client, port: (srv.address() as AddressInfo).port, host: "127.0.0.1" });
    socket.setTimeout(5000, () => socket.destroy(new Error("timeout")));
    socket.on("secureConnect", () => {
      resolve({ ok: true, protocol: socket.getProtocol(), cipher: socket.getCipher().standardName });
      socket.end();
    });
    socket.on("error", (e) => resolve({ ok: false, error: (e as NodeJS.ErrnoException).code ?? e.message }));
  });
}

const ianaOf = (p: TlsPreset) => p.ciphers.map((c) => CIPHER_BY_NAME.get(c)!.iana);

describe("presets negotiate on loopback", () => {
  it.each(TLS_PRESETS.map((p) => [p.id, p] as const))("%s: highest protocol, one of its suites", async (_, p) => {
    const r = await negotiate(p, ecServer);
    expect(r).toMatchObject({ ok: true, protocol: "TLSv1.3" });
    expect(ianaOf(p)).toContain(r.cipher);
  });

  it.each(["mozilla-intermediate-6.0", "apic-default", "legacy-compatibility"])(
    "%s: a TLS 1.2-only client gets an ECDHE AES-GCM suite, with an ECDSA and with an RSA certificate",
    async (id) => {
      const p = presetById(id)!;
      const ec = await negotiate(p, ecServer, ["tls_v1.2"]);
      expect(ec).toMatchObject({
        ok: true,
        protocol: "TLSv1.2",
        cipher: expect.stringMatching(/^TLS_ECDHE_ECDSA_WITH_AES_\d+_GCM/),
      });
      const rsa = await negotiate(p, rsaServer, ["tls_v1.2"]);
      expect(rsa).toMatchObject({
        ok: true,
        protocol: "TLSv1.2",
        cipher: expect.stringMatching(/^TLS_ECDHE_RSA_WITH_AES_\d+_GCM/),
      });
    },
  );

  it("legacy compatibility lets a TLS 1.0-only client in, with a CBC suite; Modern 2026 refuses that client", async () => {
    const legacy = presetById("legacy-compatibility")!;
    const r = await negotiate(legacy, ecServer, ["tls_v1.0"]);
    expect(r).toMatchObject({ ok: true, protocol: "TLSv1", cipher: expect.stringMatching(/_CBC_SHA$/) });
    const refused = await negotiate(presetById("modern-2026")!, ecServer, ["tls_v1.0"], legacy.ciphers);
    expect(refused.ok).toBe(false);
  });
});
