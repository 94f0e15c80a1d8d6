import { createServer } from "node:tls";
import { afterEach, describe, expect, it, vi } from "vitest";
import { issue } from "@/lib/crypto/pki";
import { DEFAULT_CIPHERS } from "@/lib/tls/ciphers";
import { guardedDial, probe } from "@/lib/server/probes/probe";
import type { ClientProfileTls } from "@/lib/server/profiles/node-tls-options";
import { closeLoopbackServers, fakeDns, onLoopback } from "@/tests/helpers/loopback";

const now = new Date();
const ca = issue(now, { commonName: "Probe CA", usage: "ca" });
const server = issue(now, { commonName: "api.probe.test", usage: "server", dnsNames: ["api.probe.test"] }, ca);
const profile: ClientProfileTls = {
  protocols: ["tls_v1.2", "tls_v1.3"],
  ciphers: DEFAULT_CIPHERS,
  insecure_server_connections: false,
  server_name_indication: true,
};

afterEach(async () => {
  vi.unstubAllEnvs();
  await closeLoopbackServers();
});

describe("probe", () => {
  it("reports protocol, cipher and the chain of a server the truststore trusts", async () => {
    vi.stubEnv("OUTBOUND_ALLOW", "127.0.0.0/8");
    const port = await onLoopback(createServer({ key: server.keyPem, cert: server.certPem + ca.certPem }));
    const dns = fakeDns({ "api.probe.test": ["127.0.0.1"] });
    const result = await probe({
      profile,
      material: { truststore: { caPems: [ca.certPem] } },
      host: "api.probe.test",
      port,
      dial: guardedDial("api.probe.test", port, dns),
    });
    expect(result).toMatchObject({
      ok: true,
      protocol: "tls_v1.3",
      cipher_iana: "TLS_AES_256_GCM_SHA384",
      trusted: true,
    });
    expect(result.peer_certificates.map((c) => c.subject)).toEqual(["CN=api.probe.test", "CN=Probe CA"]);
  });

  it("is refused by the outbound guard for loopback without OUTBOUND_ALLOW", async () => {
    const dns = fakeDns({ "api.probe.test": ["127.0.0.1"] });
    const result = await probe({
      profile,
      material: {},
      host: "api.probe.test",
      port: 443,
      dial: guardedDial("api.probe.test", 443, dns),
    });
    expect(result).toMatchObject({ ok: false, code: "denied" });
  });
});
