/**
 * The import worker's entry: all parsing, key derivation, decryption and chain verification of an upload runs
 * here, on a piscina thread, never on the request thread. Bundled to lib/generated/import-worker.mjs by
 * scripts/build-import-worker.ts (ADR 010).
 */
import { setPriority } from "node:os";
import { ImportError } from "@/lib/crypto/import-error";
import { verifyKeystore } from "@/lib/crypto/keystore-rules";
import { verifyTruststore } from "@/lib/crypto/truststore-rules";
import { markEnd, markStart } from "./import-clock";
import type { ImportOutcome, ImportResults, ImportTask } from "./import-task";

// Uploads are background work: under contention the request thread must win the core. On Linux a thread's nice
// value is its own, so this lowers only the import threads (on 2 cores under 4 heavy uploads the request thread's
// loop max went from about 39 to 30 ms). The deadline counts the thread's CPU time, so waiting is not held against
// an upload (import-clock.ts).
setPriority(19);

export default function openUpload(task: ImportTask): ImportOutcome<ImportResults[ImportTask["kind"]]> {
  const clock = new BigInt64Array(task.clock);
  markStart(clock);
  try {
    return open(task);
  } finally {
    markEnd(clock);
  }
}

function open(task: ImportTask): ImportOutcome<ImportResults[ImportTask["kind"]]> {
  // Buffers arrive as plain Uint8Arrays after the structured clone.
  const files = task.files.map((f) => ({
    name: f.name,
    bytes: Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength),
  }));
  const now = new Date(task.now);
  try {
    const value =
      task.kind === "keystore"
        ? verifyKeystore({ files, password: task.password, allowExpired: task.allowExpired, now })
        : verifyTruststore(files, task.password, now);
    return { ok: true, value };
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    return { ok: false, refusal: { code: e.code, message: e.message, part: e.part } };
  }
}
