/**
 * The probe worker's entry: every handshake, wire tap, certificate parse, scan and loopback listener of a connection
 * test or server check runs here, on a piscina thread, so none of it costs the request thread (ADR 022). Bundled to
 * lib/generated/probe-worker.mjs by scripts/build-workers.ts.
 */
import { checkWithClientProfile } from "@/lib/server/probes/loopback-check";
import { guardedDial, probe } from "@/lib/server/probes/probe";
import type { ProbeTask } from "@/lib/server/probes/probe-task";
import type { ConnectionTestResult } from "@/lib/tls/connection-test";

export default function runProbe(task: ProbeTask): Promise<ConnectionTestResult> {
  if (task.kind === "check") return checkWithClientProfile(task.request);
  const { kind: _, ...request } = task;
  return probe({ ...request, dial: guardedDial(task.host, task.port) });
}
