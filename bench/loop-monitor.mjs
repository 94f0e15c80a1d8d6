/**
 * Preloaded into the benchmarked server (`node --import`): measures the request thread's event-loop delay. On
 * SIGUSR2 it writes the maximum and p99 since the last signal to $BENCH_LOOP_FILE and starts afresh.
 */
import { writeFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { isMainThread } from "node:worker_threads";

if (isMainThread && process.env.BENCH_LOOP_FILE) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  process.on("SIGUSR2", () => {
    const ms = (ns) => Math.round(ns / 1e4) / 100;
    writeFileSync(
      process.env.BENCH_LOOP_FILE,
      JSON.stringify({ at: Date.now(), maxMs: ms(delay.max), p99Ms: ms(delay.percentile(99)) }),
    );
    delay.reset();
  });
}
