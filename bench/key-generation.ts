import { generateKeyMaterial } from "@/lib/server/platform/import-pool";
import { KEY_TYPES, type KeyRequest, type KeyType, ZKeyRequest } from "@/lib/tls/key-request";

/**
 * Key generation through the import worker pool, as a create request runs it (ADR 024). For `npm run bench`: the
 * p50/p95 per key type (the list's p99 under a load of generations is measured through the server, in run.ts).
 */
const request = (key_type: KeyType): KeyRequest =>
  ZKeyRequest.parse({
    key_type,
    subject: { common_name: "bench.test" },
    subject_alt_names: ["DNS:bench.test"],
    usage: "server",
  });

/** `n` generations per key type, one at a time (each waits for the last), after one to warm up the worker. */
export async function keyGenerationTimings(n: number) {
  const out: Partial<Record<KeyType, { p50ms: number; p95ms: number }>> = {};
  for (const type of KEY_TYPES) {
    await generateKeyMaterial(request(type), new Date());
    const ms: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await generateKeyMaterial(request(type), new Date());
      ms.push(performance.now() - t);
    }
    ms.sort((a, b) => a - b);
    const at = (p: number) => Math.round(ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]);
    out[type] = { p50ms: at(0.5), p95ms: at(0.95) };
  }
  return out;
}
