import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { createServer as createTcpServer } from "node:net";
import type { TLSSocket } from "node:tls";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { issue } from "@/lib/crypto/pki";
import { guardedPost } from "@/lib/server/outbound/guarded-post";
import { closeLoopbackServers, fakeDns, onLoopback, rebindingDns, refusal } from "@/tests/helpers/loopback";

/**
 * Real servers on loopback; OUTBOUND_ALLOW=127.0.0.0/8 makes them reachable (and plain http acceptable), as an
 * operator would allow a trusted network. Names resolve through a counting fake resolver, never real DNS.
 */
interface Seen {
  method?: string;
  url?: string;
  host?: string;
  body: string;
  headers: IncomingMessage["headers"];
}

beforeEach(() => vi.stubEnv("OUTBOUND_ALLOW", "127.0.0.0/8"));
afterEach(async () => {
  vi.unstubAllEnvs();
  await closeLoopbackServers();
});

/** An HTTP server that records every request it gets and answers with `answer`. */
async function httpServer(answer: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      seen.push({
        method: req.method,
        url: req.url,
        host: req.headers.host,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      answer(req, res);
    });
  });
  return { port: await onLoopback(server), seen };
}

const json = {
  body: '{"event":"expiring"}',
  headers: { "content-type": "application/json", "x-signature": "t=1,v1=ab" },
};

describe("guardedPost", () => {
  it("POSTs the body with the caller's headers, Host naming the URL's host, and returns status and body", async () => {
    const { port, seen } = await httpServer((_req, res) => res.writeHead(202).end("queued"));
    const lookup = fakeDns({ "hooks.test": ["127.0.0.1"] });
    const result = await guardedPost(
      `http://hooks.test:${port}/tls?team=ops`,
      { ...json, headers: { ...json.headers, Host: "evil.test" } },
      { lookup },
    );
    expect(result).toEqual({ status: 202, body: "queued" });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      method: "POST",
      url: "/tls?team=ops",
      host: `hooks.test:${port}`,
      body: json.body,
    });
    expect(seen[0].headers).toMatchObject({
      "content-type": "application/json",
      "x-signature": "t=1,v1=ab",
      "content-length": "20",
    });
  });

  it("connects to the pinned address: a resolver that answers differently on a second call does not matter", async () => {
    const { port, seen } = await httpServer((_req, res) => res.writeHead(200).end("ok"));
    // First answer passes the check; a rebinding resolver would then send the connection to the metadata service.
    const lookup = rebindingDns("127.0.0.1", "169.254.169.254");
    expect((await guardedPost(`http://rebind.test:${port}/`, json, { lookup })).status).toBe(200);
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(seen).toHaveLength(1);
  });

  it("refuses a name that resolves to loopback when loopback is not allowed, without connecting", async () => {
    vi.stubEnv("OUTBOUND_ALLOW", "");
    const { port, seen } = await httpServer((_req, res) => res.writeHead(200).end());
    const e = await refusal(
      guardedPost(`https://rebind.test:${port}/`, json, { lookup: fakeDns({ "rebind.test": ["127.0.0.1"] }) }),
    );
    expect(e.code).toBe("DENIED_ADDRESS");
    expect(seen).toHaveLength(0);
  });

  it("refuses 169.254.169.254 even with loopback allowed", async () => {
    const lookup = fakeDns({ "metadata.test": ["169.254.169.254"] });
    expect((await refusal(guardedPost("https://metadata.test/latest/meta-data/", json, { lookup }))).code).toBe(
      "DENIED_ADDRESS",
    );
    expect((await refusal(guardedPost("https://169.254.169.254/latest/meta-data/", json, { lookup }))).code).toBe(
      "DENIED_ADDRESS",
    );
  });

  it("does not follow a redirect: a 302 is refused and its target never hears from us", async () => {
    const target = await httpServer((_req, res) => res.writeHead(200).end("followed"));
    const { port, seen } = await httpServer((_req, res) =>
      res.writeHead(302, { location: `http://127.0.0.1:${target.port}/` }).end(),
    );
    const e = await refusal(guardedPost(`http://127.0.0.1:${port}/hook`, json));
    expect([e.code, e.message]).toEqual([
      "REDIRECT",
      "127.0.0.1 answered with a redirect (302), which is not followed: enter the address it points to.",
    ]);
    expect(seen).toHaveLength(1);
    expect(target.seen).toHaveLength(0);
  });

  it("gives up on a server that accepts the request and never answers (total timeout)", async () => {
    const { port, seen } = await httpServer(() => {});
    const e = await refusal(guardedPost(`http://127.0.0.1:${port}/`, { ...json, timeoutMs: 150 }));
    expect([e.code, e.message]).toEqual(["TIMEOUT", "127.0.0.1 did not answer within 0.15 s."]);
    expect(seen).toHaveLength(1);
  });

  it("gives up on a server that accepts the connection but never completes TLS (connect timeout)", async () => {
    const port = await onLoopback(createTcpServer(() => {}));
    const e = await refusal(guardedPost(`https://127.0.0.1:${port}/`, { ...json, timeoutMs: 150 }));
    expect(e.code).toBe("TIMEOUT");
  });

  it("reads at most 64 KB of the answer, whether announced or streamed", async () => {
    const big = "x".repeat(64 * 1024 + 1);
    const announced = await httpServer((_req, res) => res.writeHead(200, { "content-length": big.length }).end(big));
    const streamed = await httpServer((_req, res) => {
      res.writeHead(200); // chunked: no length announced
      for (let i = 0; i < 80; i++) res.write("y".repeat(1024));
      res.end();
    });
    for (const port of [announced.port, streamed.port]) {
      const e = await refusal(guardedPost(`http://127.0.0.1:${port}/`, json));
      expect([e.code, e.message]).toEqual(["TOO_LARGE", "127.0.0.1 answered with more than 64 KB."]);
    }
    const exact = await httpServer((_req, res) => res.writeHead(200).end("z".repeat(64 * 1024)));
    expect((await guardedPost(`http://127.0.0.1:${exact.port}/`, json)).body).toHaveLength(64 * 1024);
  });

  it("requires https for an address OUTBOUND_ALLOW does not cover, before connecting", async () => {
    vi.stubEnv("OUTBOUND_ALLOW", "10.20.0.0/16");
    const lookup = fakeDns({ "hooks.test": ["192.0.2.10"] });
    const e = await refusal(guardedPost("http://hooks.test/", json, { lookup }));
    expect([e.code, e.message]).toEqual([
      "HTTPS_REQUIRED",
      "Webhooks are sent over https only: hooks.test is not in a network this server trusts for plain http.",
    ]);
    vi.stubEnv("OUTBOUND_ALLOW", "");
    expect((await refusal(guardedPost("http://hooks.test/", json, { lookup }))).code).toBe("HTTPS_REQUIRED");
    expect(lookup).toHaveBeenCalledTimes(1);
  });

  it("says when nothing listens", async () => {
    const port = await onLoopback(createTcpServer());
    await closeLoopbackServers(); // the port is now (almost certainly) free
    const e = await refusal(guardedPost(`http://127.0.0.1:${port}/`, json));
    expect(e.code).toBe("CONNECTION_FAILED");
  });

  describe("over https", () => {
    const now = new Date();
    const ca = issue(now, { commonName: "Receiver CA", usage: "ca" });
    const leaf = issue(now, { commonName: "hooks.test", usage: "server", dnsNames: ["hooks.test"] }, ca);

    async function httpsServer() {
      const seen: { servername?: string | false | null; host?: string }[] = [];
      const server = createHttpsServer({ key: leaf.keyPem, cert: leaf.certPem }, (req, res) => {
        seen.push({ servername: (req.socket as TLSSocket).servername, host: req.headers.host });
        req.resume().on("end", () => res.writeHead(200).end("tls ok"));
      });
      return { port: await onLoopback(server), seen };
    }

    it("dials the pinned address while SNI and the certificate check use the name", async () => {
      vi.stubEnv("OUTBOUND_ALLOW", "127.0.0.0/8");
      const { port, seen } = await httpsServer();
      const result = await guardedPost(`https://hooks.test:${port}/`, json, {
        lookup: fakeDns({ "hooks.test": ["127.0.0.1"] }),
        ca: ca.certPem,
      });
      expect(result).toEqual({ status: 200, body: "tls ok" });
      expect(seen).toEqual([{ servername: "hooks.test", host: `hooks.test:${port}` }]);
    });

    it("refuses a certificate for another name or from an untrusted CA", async () => {
      const { port } = await httpsServer();
      const wrongName = await refusal(
        guardedPost(`https://other.test:${port}/`, json, {
          lookup: fakeDns({ "other.test": ["127.0.0.1"] }),
          ca: ca.certPem,
        }),
      );
      expect(wrongName.code).toBe("CONNECTION_FAILED");
      expect(wrongName.message).toContain("ERR_TLS_CERT_ALTNAME_INVALID");
      const untrusted = await refusal(
        guardedPost(`https://hooks.test:${port}/`, json, { lookup: fakeDns({ "hooks.test": ["127.0.0.1"] }) }),
      );
      expect(untrusted.message).toBe(
        "hooks.test presented a certificate that is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE).",
      );
    });
  });
});
