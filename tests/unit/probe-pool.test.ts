import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer } from "node:tls";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { createProbePool } from "@/lib/server/probes/probe-pool";
import type { ProbeTask } from "@/lib/server/probes/probe-task";
import { DEFAULT_CIPHERS } from "@/lib/tls/ciphers";
import { closeLoopbackServers, onLoopback } from "../helpers/loopback";
import { leaf, testCa } from "../helpers/pki";

/** The pool runs the bundled worker, as `next start` does (tests/setup/workers.ts builds it). */
const filename = join(process.cwd(), "lib", "generated", "probe-worker.mjs");
const serverPair = leaf("pool.probe.test");
const pools: ReturnType<typeof createProbePool>[] = [];
const pool = (options: Partial<Parameters<typeof createProbePool>[0]> = {}) => {
  const p = createProbePool({ filename, ...options });
  pools.push(p);
  return p;
};
const profile = {
  protocols: ["tls_v1.2" as const, "tls_v1.3" as const],
  ciphers: DEFAULT_CIPHERS,
  insecure_server_connections: false,
  server_name_indication: true,
};
const test = (port: number): ProbeTask => ({
  kind: "test",
  profile,
  material: { truststore: { caPems: [testCa.certPem] } },
  host: "127.0.0.1",
  port,
  serverName: "pool.probe.test",
  scan: false,
});
const tlsServer = () => onLoopback(createServer({ key: serverPair.keyPem, cert: serverPair.certPem + testCa.certPem }));

afterEach(async () => {
  vi.unstubAllEnvs();
  await closeLoopbackServers();
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

describe("probe worker pool", () => {
  it("runs a test on the probe thread under the request thread's outbound rules, as they are at the time", async () => {
    const p = pool();
    const port = await tlsServer();
    // Loopback is denied by default: the guard on the worker says so at the host field.
    const denied = await p.run(test(port));
    expect(denied).toMatchObject({ ok: false, code: "denied", field: "host" });
    vi.stubEnv("OUTBOUND_ALLOW", "127.0.0.0/8");
    const passed = await p.run(test(port));
    expect(passed).toMatchObject({ ok: true, protocol: "tls_v1.3", trusted: true });
    expect(passed.peer_certificates[0].subject).toBe("CN=pool.probe.test");
  }, 30_000);

  it("runs many tests at once on one thread", async () => {
    vi.stubEnv("OUTBOUND_ALLOW", "127.0.0.0/8");
    const p = pool({ threads: 1 });
    const port = await tlsServer();
    const results = await Promise.all(Array.from({ length: 8 }, () => p.run(test(port))));
    expect(results.map((r) => r.ok)).toEqual(Array(8).fill(true));
  }, 30_000);

  it("runs a server check with its loopback listener on the probe thread", async () => {
    const p = pool();
    const result = await p.run({
      kind: "check",
      request: {
        server: {
          profile: { ...profile, mutual_authentication: "none", limit_renegotiation: true },
          material: { keystore: { keyPem: serverPair.keyPem, chainPem: serverPair.certPem + testCa.certPem } },
        },
        client: { profile, material: { truststore: { caPems: [testCa.certPem] } } },
        serverName: "pool.probe.test",
      },
    });
    expect(result).toMatchObject({ ok: true, protocol: "tls_v1.3", trusted: true });
  }, 30_000);

  it("refuses a test as busy once the instance holds as many as it may, instead of queueing without bound", async () => {
    // A worker whose tasks never end stands in for a server that holds every connection open.
    const dir = mkdtempSync(join(tmpdir(), "probe-pool-"));
    const stuck = join(dir, "stuck-worker.mjs");
    writeFileSync(stuck, "export default () => new Promise(() => {});\n");
    const p = pool({ filename: stuck, threads: 1, perThread: 1 });
    const held = Array.from({ length: 4 }, () => p.run(test(1)).catch((e: unknown) => e));
    const refused = await p.run(test(1)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "RATE_LIMITED" });
    await p.close();
    expect(await Promise.all(held)).toHaveLength(4);
  }, 30_000);
});
