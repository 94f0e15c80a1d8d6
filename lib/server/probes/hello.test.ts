import { connect, createServer as createTcpServer } from "node:net";
import { createServer } from "node:tls";
import { afterEach, describe, expect, it } from "vitest";
import { issue } from "@/lib/crypto/pki";
import { answerOf, offerHello, SUITE_CODE, suiteName } from "@/lib/server/probes/hello";
import { closeLoopbackServers, onLoopback } from "@/tests/helpers/loopback";
import { opensslServer, stopOpensslServers } from "@/tests/helpers/openssl-server";

const now = new Date();
const rsa = issue(now, { commonName: "hello.test", usage: "server", dnsNames: ["hello.test"], keyKind: "rsa-2048" });

afterEach(async () => {
  await closeLoopbackServers();
  await stopOpensslServers();
});

const dial = (port: number) =>
  new Promise<ReturnType<typeof connect>>((resolve) => {
    const socket = connect(port, "127.0.0.1", () => resolve(socket));
  });

describe("our own ClientHello", () => {
  it("knows every catalogue suite's code point", () => {
    expect(SUITE_CODE.size).toBe(40);
    expect(SUITE_CODE.get("TLS_AES_128_CCM_8_SHA256")).toBe(0x1305);
    expect(SUITE_CODE.get("RSA_WITH_3DES_EDE_CBC_SHA")).toBe(0x000a);
    expect(suiteName(0xc02f)).toBe("ECDHE_RSA_WITH_AES_128_GCM_SHA256");
  });

  it("gets a ServerHello naming version and suite, or the server's refusal, from openssl s_server", async () => {
    const port = await opensslServer({
      keyPem: rsa.keyPem,
      certPem: rsa.certPem,
      args: ["-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256:AES256-SHA"],
    });
    const offer = async (name: Parameters<typeof SUITE_CODE.get>[0], protocol = "tls_v1.2" as const) =>
      offerHello(await dial(port), { protocol, suites: [SUITE_CODE.get(name)!], serverName: "hello.test" }, 2000);
    expect(await offer("RSA_WITH_AES_256_CBC_SHA")).toEqual({ kind: "hello", version: 0x0303, cipherSuite: 0x0035 });
    expect(await offer("ECDHE_RSA_WITH_AES_256_GCM_SHA384")).toMatchObject({
      kind: "alert",
      alert: { description: 40 },
    });
  });

  it("speaks TLS 1.3 to Node's server, CCM included when the server enables it", async () => {
    const port = await onLoopback(
      createServer({ key: rsa.keyPem, cert: rsa.certPem, ciphers: "TLS_AES_128_CCM_SHA256:TLS_AES_128_GCM_SHA256" }),
    );
    const answer = await offerHello(
      await dial(port),
      { protocol: "tls_v1.3", suites: [SUITE_CODE.get("TLS_AES_128_CCM_SHA256")!] },
      2000,
    );
    expect(answer).toEqual({ kind: "hello", version: 0x0304, cipherSuite: 0x1304 });
  });

  it("hangs up on a server that streams records instead of answering, without waiting for the timeout", async () => {
    // Endless application-data records: valid TLS framing, never a ServerHello or an alert.
    const record = Buffer.concat([Buffer.from([23, 3, 3, 0x40, 0x00]), Buffer.alloc(0x4000)]);
    let written = 0;
    const port = await onLoopback(
      createTcpServer((socket) => {
        socket.on("error", () => undefined);
        const pump = () => {
          while (!socket.destroyed && written < 64 * 1024 * 1024 && socket.write(record)) written += record.length;
        };
        socket.on("drain", pump).once("data", pump);
      }),
    );
    const socket = await dial(port);
    const answer = await offerHello(socket, { protocol: "tls_v1.2", suites: [0xc02f] }, 60_000);
    expect(answer).toEqual({ kind: "closed" });
    expect(socket.destroyed).toBe(true);
    expect(socket.bytesRead).toBeLessThan(1024 * 1024);
  });

  it("tells a port that answers in plain text", () => {
    expect(answerOf(Buffer.from("SSH-2.0-OpenSSH_9.2\r\n"))).toMatchObject({ kind: "not_tls" });
    expect(answerOf(Buffer.from([22, 3, 3]))).toBeNull();
  });
});
