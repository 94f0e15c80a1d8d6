import "server-only";
import { join } from "node:path";
import { SHARE_ENV } from "node:worker_threads";
import { Piscina } from "piscina";
import { AppError } from "@/lib/errors";
import { PROBE_TIMEOUT_MS } from "@/lib/server/probes/probe";
import type { ProbeTask } from "@/lib/server/probes/probe-task";
import { SCAN_TIMEOUT_MS } from "@/lib/server/probes/scan";
import type { ConnectionTestResult } from "@/lib/tls/connection-test";

/**
 * A probe mostly waits on the network, so one thread holds many at once; its CPU (certificate parsing, the wire tap,
 * TLS in JavaScript streams) is what must stay off the request thread.
 */
const PROBES_PER_THREAD = 32;
/** Past this many waiting or running on the instance, a test is refused as busy instead of queueing without bound. */
const QUEUE_FACTOR = 4;
/**
 * The probe keeps its own deadline and answers "timeout" itself; this backstop only catches a worker that stopped
 * answering, and ends that thread (and whatever else it was running).
 */
const BACKSTOP_MARGIN_MS = 5_000;

interface ProbePoolOptions {
  /** The bundled worker (scripts/build-workers.ts), by absolute path. */
  filename: string;
  threads?: number;
  perThread?: number;
}

export function createProbePool({ filename, threads = 1, perThread = PROBES_PER_THREAD }: ProbePoolOptions) {
  const pool = new Piscina({
    filename,
    minThreads: threads,
    maxThreads: threads,
    concurrentTasksPerWorker: perThread,
    // The worker's event loop carries the probes' sockets and timers: it must never park between tasks.
    atomics: "disabled",
    // The outbound guard reads OUTBOUND_ALLOW / OUTBOUND_DENY when it judges an address: one environment for both.
    env: SHARE_ENV,
    resourceLimits: { maxOldGenerationSizeMb: 256 },
  });
  const capacity = threads * perThread * QUEUE_FACTOR;
  let inFlight = 0;

  async function run(task: ProbeTask): Promise<ConnectionTestResult> {
    if (inFlight >= capacity)
      throw new AppError(
        "RATE_LIMITED",
        "This server is running as many connection tests as it can. Try again in a moment.",
      );
    inFlight++;
    const scans = task.kind === "test" && task.scan;
    const controller = new AbortController();
    const backstop = setTimeout(
      () => controller.abort(),
      PROBE_TIMEOUT_MS + (scans ? SCAN_TIMEOUT_MS : 0) + BACKSTOP_MARGIN_MS,
    );
    try {
      return (await pool.run(task, { signal: controller.signal })) as ConnectionTestResult;
    } catch (e) {
      if (controller.signal.aborted)
        throw new Error("the probe worker did not answer before its deadline", { cause: e });
      throw e;
    } finally {
      inFlight--;
      clearTimeout(backstop);
    }
  }

  return { run, close: () => pool.destroy() };
}

type ProbePool = ReturnType<typeof createProbePool>;

const shared = globalThis as unknown as { probePool?: ProbePool };

/** Runs a connection test or server check on the process's probe thread, started on first use. */
export function runOnProbeThread(task: ProbeTask): Promise<ConnectionTestResult> {
  shared.probePool ??= createProbePool({ filename: join(process.cwd(), "lib", "generated", "probe-worker.mjs") });
  return shared.probePool.run(task);
}
