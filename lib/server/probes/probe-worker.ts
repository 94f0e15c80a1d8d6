/**
 * The probe worker's entry: every handshake, wire tap, certificate parse, scan and loopback listener of a connection
 * test or server check runs here, on a piscina thread, so none of it costs the request thread (ADR 022). Bundled to
 * lib/generated/probe-worker.mjs by scripts/build-workers.ts.
 */
import { setPriority } from "node:os";
import { checkWithClientProfile } from "@/lib/server/probes/loopback-check";
import { guardedDial, probe } from "@/lib/server/probes/probe";
import type { ProbeTask } from "@/lib/server/probes/probe-task";
import type { ConnectionTestResult } from "@/lib/tls/connection-test";

// Under contention the request thread, which serves every user, wins the core over one user's test (as the import
// threads do, ADR 010): on Linux a thread's nice value is its own.
setPriority(10);

export default function runProbe(task: ProbeTask): Promise<ConnectionTestResult> {
  if (task.kind === "check") return checkWithClientProfile(task.request);
  const { kind: _, ...request } = task;
  return probe({ ...request, dial: guardedDial(task.host, task.port) });
}
