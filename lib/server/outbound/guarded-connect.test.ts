import { createServer as createTcpServer, type Socket } from "node:net";
import { createServer as createTlsServer, type TLSSocket } from "node:tls";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { issue } from "@/lib/crypto/pki";
import { guardedConnect } from "@/lib/server/outbound/guarded-connect";
import { clientTlsOptions } from "@/lib/server/profiles/node-tls-options";
import { DEFAULT_CIPHERS } from "@/lib/tls/ciphers";
import { closeLoopbackServers, fakeDns, onLoopback, rebindingDns, refusal } from "@/tests/helpers/loopback";

/** A gateway stand-in: a TLS server on loopback with a certificate for gateway.test from its own CA. */
const now = new Date();
const ca = issue(now, { commonName: "Gateway CA", usage: "ca" });
const leaf = issue(now, { commonName: "gateway.test", usage: "server", dnsNames: ["gateway.test"] }, ca);

async function tlsGateway() {
  const servernames: (string | false | null)[] = [];
  const server = createTlsServer({ key: leaf.keyPem, cert: leaf.certPem }, (socket: TLSSocket) => {
    servernames.push(socket.servername);
    socket.end("hello\n");
  });
  return { port: await onLoopback(server), servernames };
}

/** What the server says first; waiting for it also means the server has recorded the connection. */
const firstWords = (socket: Socket) =>
  new Promise<string>((resolve) => socket.once("data", (d: Buffer) => resolve(d.toString())));

const sockets: Socket[] = [];
beforeEach(() => vi.stubEnv("OUTBOUND_ALLOW", "127.0.0.0/8"));
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.destroy());
  vi.unstubAllEnvs();
  await closeLoopbackServers();
});

describe("guardedConnect", () => {
  it("hands back a handshaken TLS socket to the pinned address, SNI and certificate check on the name", async () => {
    const { port, servernames } = await tlsGateway();
    const lookup = rebindingDns("127.0.0.1", "169.254.169.254");
    const socket = (await guardedConnect("gateway.test", port, {
      timeoutMs: 2000,
      tls: { ca: ca.certPem },
      lookup,
    })) as TLSSocket;
    sockets.push(socket);
    expect(socket.authorized).toBe(true);
    expect(socket.remoteAddress).toBe("127.0.0.1");
    expect(await firstWords(socket)).toBe("hello\n");
    expect(servernames).toEqual(["gateway.test"]);
    expect(lookup).toHaveBeenCalledTimes(1);
  });

  it("works with a client profile's options, including one that sends no SNI", async () => {
    const { port, servernames } = await tlsGateway();
    const profile = {
      protocols: ["tls_v1.2", "tls_v1.3"] as const,
      ciphers: DEFAULT_CIPHERS,
      insecure_server_connections: false,
    };
    for (const sni of [true, false]) {
      const tls = clientTlsOptions(
        { ...profile, protocols: [...profile.protocols], server_name_indication: sni },
        { truststore: { caPems: [ca.certPem] } },
        "gateway.test",
      );
      const lookup = fakeDns({ "gateway.test": ["127.0.0.1"] });
      const socket = (await guardedConnect("gateway.test", port, { timeoutMs: 2000, tls, lookup })) as TLSSocket;
      sockets.push(socket);
      expect(socket.authorized).toBe(true);
      expect(await firstWords(socket)).toBe("hello\n");
    }
    expect(servernames).toEqual(["gateway.test", false]);
  });

  it("checks the certificate against the name even when no SNI is sent and the caller brings no check", async () => {
    const { port, servernames } = await tlsGateway();
    const lookup = fakeDns({ "gateway.test": ["127.0.0.1"] });
    const tls = { ca: ca.certPem, servername: "" };
    const socket = (await guardedConnect("gateway.test", port, { timeoutMs: 2000, tls, lookup })) as TLSSocket;
    sockets.push(socket);
    expect(socket.authorized).toBe(true);
    expect(await firstWords(socket)).toBe("hello\n");
    expect(servernames).toEqual([false]);
  });

  it("dials the pinned address even when the caller's TLS options name another host", async () => {
    const { port } = await tlsGateway();
    const lookup = fakeDns({ "gateway.test": ["127.0.0.1"] });
    const tls = { ca: ca.certPem, host: "169.254.169.254", port: 1, path: "/run/other.sock" };
    const socket = await guardedConnect("gateway.test", port, { timeoutMs: 2000, tls, lookup });
    sockets.push(socket);
    expect([socket.remoteAddress, socket.remotePort]).toEqual(["127.0.0.1", port]);
  });

  it("refuses an untrusted certificate with the TLS error kept as the cause", async () => {
    const { port } = await tlsGateway();
    const lookup = fakeDns({ "gateway.test": ["127.0.0.1"], "other.test": ["127.0.0.1"] });
    const untrusted = await refusal(guardedConnect("gateway.test", port, { timeoutMs: 2000, tls: {}, lookup }));
    expect(untrusted.code).toBe("CONNECTION_FAILED");
    expect((untrusted.cause as NodeJS.ErrnoException).code).toBe("UNABLE_TO_VERIFY_LEAF_SIGNATURE");
    const wrongName = await refusal(
      guardedConnect("other.test", port, { timeoutMs: 2000, tls: { ca: ca.certPem }, lookup }),
    );
    expect((wrongName.cause as NodeJS.ErrnoException).code).toBe("ERR_TLS_CERT_ALTNAME_INVALID");
  });

  it("connects plain TCP when no TLS is asked for", async () => {
    const port = await onLoopback(createTcpServer((s) => s.end("plain\n")));
    const socket = await guardedConnect("127.0.0.1", port, { timeoutMs: 2000 });
    sockets.push(socket);
    expect(await firstWords(socket)).toBe("plain\n");
  });

  it("applies the same deny rules: loopback, metadata and a name resolving to them", async () => {
    vi.stubEnv("OUTBOUND_ALLOW", "");
    const { port } = await tlsGateway();
    for (const host of ["127.0.0.1", "[::1]", "::ffff:127.0.0.1", "169.254.169.254", "rebind.test"]) {
      const lookup = fakeDns({ "rebind.test": ["127.0.0.1"] });
      expect((await refusal(guardedConnect(host, port, { timeoutMs: 2000, lookup }))).code, host).toBe(
        "DENIED_ADDRESS",
      );
    }
  });

  it("gives up on a handshake that never completes, within the deadline", async () => {
    const port = await onLoopback(createTcpServer(() => {}));
    const e = await refusal(guardedConnect("127.0.0.1", port, { timeoutMs: 150, tls: {} }));
    expect([e.code, e.message]).toEqual(["TIMEOUT", "127.0.0.1:" + port + " did not answer within 0.15 s."]);
  });

  it("refuses a port outside 1–65535 and says when nothing listens", async () => {
    for (const port of [0, 65536, 1.5, Number.NaN]) {
      expect((await refusal(guardedConnect("127.0.0.1", port, { timeoutMs: 100 }))).code).toBe("BAD_URL");
    }
    const port = await onLoopback(createTcpServer());
    await closeLoopbackServers();
    const e = await refusal(guardedConnect("127.0.0.1", port, { timeoutMs: 2000 }));
    expect([e.code, e.message]).toEqual([
      "CONNECTION_FAILED",
      `127.0.0.1 refused the connection (nothing accepts connections on port ${port}).`,
    ]);
  });

  it("below 1024 reaches only the TLS ports, unless OUTBOUND_ALLOW covers the address", async () => {
    const lookup = fakeDns({ "mail.test": ["192.0.2.25"] });
    for (const port of [22, 25, 80, 389, 1023]) {
      const e = await refusal(guardedConnect("mail.test", port, { timeoutMs: 100, lookup }));
      expect([e.code, e.message], String(port)).toEqual([
        "DENIED_PORT",
        `Port ${port} belongs to a service other than TLS; below 1024 probes reach only 443, 465, 636, 853 and 989–995, unless the operator trusts mail.test's network (OUTBOUND_ALLOW).`,
      ]);
    }
    for (const port of [443, 465, 636, 853, 989, 995, 1024]) {
      expect((await refusal(guardedConnect("mail.test", port, { timeoutMs: 50, lookup }))).code, String(port)).not.toBe(
        "DENIED_PORT",
      );
    }
    // 127.0.0.0/8 is trusted here (beforeEach): its port 25 is the operator's to allow.
    expect((await refusal(guardedConnect("127.0.0.1", 25, { timeoutMs: 500 }))).code).toBe("CONNECTION_FAILED");
  });
});
