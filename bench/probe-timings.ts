import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { issue } from "@/lib/crypto/pki";
import { guardedDial, probe } from "@/lib/server/probes/probe";
import { DEFAULT_CIPHERS } from "@/lib/tls/ciphers";
import { DEFAULT_PROTOCOLS } from "@/lib/tls/protocols";
import { opensslServer, stopOpensslServers } from "../tests/helpers/openssl-server";

const round = (x: number) => Math.round(x * 100) / 100;
const p50 = (ms: number[]) => round([...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)]);

/** One `openssl s_client` handshake against the same server: process start included, as a user would run it. */
function sClient(port: number, caFile: string): Promise<number> {
  const t = performance.now();
  const args = ["s_client", "-connect", `127.0.0.1:${port}`, "-servername", "probe.bench", "-CAfile", caFile];
  const child = spawn("openssl", [...args, "-verify_return_error", "-brief"], { stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  child.stderr.on("data", (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) =>
    child.once("exit", (code) =>
      code === 0 ? resolve(performance.now() - t) : reject(new Error(`s_client exited ${code}: ${err}`)),
    ),
  );
}

/**
 * "Test connection" in process against `openssl s_server` on loopback, next to `openssl s_client` on the same server
 * (target ≤ 1.5×), and one full scan of that server (every protocol and the 40 catalogue suites, paced as in use).
 */
export async function probeTimings(n: number) {
  process.env.OUTBOUND_ALLOW = "127.0.0.0/8";
  const now = new Date();
  const ca = issue(now, { commonName: "Probe bench CA", usage: "ca" });
  const leaf = issue(now, { commonName: "probe.bench", usage: "server", dnsNames: ["probe.bench"] }, ca);
  const port = await opensslServer({ keyPem: leaf.keyPem, certPem: leaf.certPem, chainPems: [ca.certPem] });
  const dir = mkdtempSync(join(tmpdir(), "probe-bench-"));
  const caFile = join(dir, "ca.pem");
  writeFileSync(caFile, ca.certPem);
  const request = {
    profile: {
      protocols: DEFAULT_PROTOCOLS,
      ciphers: DEFAULT_CIPHERS,
      insecure_server_connections: false,
      server_name_indication: true,
    },
    material: { truststore: { caPems: [ca.certPem] } },
    host: "127.0.0.1",
    serverName: "probe.bench",
    port,
  };
  try {
    const probes: number[] = [];
    const clients: number[] = [];
    for (let i = 0; i < n + 3; i++) {
      const t = performance.now();
      const result = await probe({ ...request, dial: guardedDial("127.0.0.1", port) });
      if (!result.ok) throw new Error(`bench probe failed: ${result.code} ${result.message}`);
      if (i >= 3) probes.push(performance.now() - t);
      const s = await sClient(port, caFile);
      if (i >= 3) clients.push(s);
    }
    const t = performance.now();
    const scanned = await probe({ ...request, scan: true, dial: guardedDial("127.0.0.1", port) });
    const scanMs = round(performance.now() - t);
    const accepted = scanned.scan?.ciphers.filter((c) => c.server_accepts).length ?? 0;
    return {
      testP50ms: p50(probes),
      opensslSClientP50ms: p50(clients),
      ratio: round(p50(probes) / p50(clients)),
      target: "≤ 1.5× openssl s_client",
      fullScanMs: scanMs,
      scanSuitesAccepted: accepted,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await stopOpensslServers();
  }
}
