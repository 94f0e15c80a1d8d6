/**
 * The import worker's entry: all parsing, key derivation, decryption and chain verification of an upload, and every
 * key generation (ADR 024), runs here, on a piscina thread, never on the request thread. Bundled to
 * lib/generated/import-worker.mjs by scripts/build-workers.ts (ADR 010).
 */
import { setPriority } from "node:os";
import { generateKeyAndRequest } from "@/lib/crypto/generate";
import { ImportError } from "@/lib/crypto/import-error";
import { verifyKeystore } from "@/lib/crypto/keystore-rules";
import { verifyTruststore } from "@/lib/crypto/truststore-rules";
import { markEnd, markStart } from "./import-clock";
import type { GeneratedMaterial, ImportOutcome, ImportResults, ImportTask } from "./import-task";

// Uploads are background work: under contention the request thread must win the core. On Linux a thread's nice
// value is its own, so this lowers only the import threads (on 2 cores under 4 heavy uploads the request thread's
// loop max went from about 39 to 30 ms). The deadline counts the thread's CPU time, so waiting is not held against
// an upload (import-clock.ts).
setPriority(19);

type Outcome = ImportOutcome<ImportResults[ImportTask["kind"]]>;

export default async function openUpload(task: ImportTask): Promise<Outcome> {
  const clock = new BigInt64Array(task.clock);
  markStart(clock);
  try {
    return await open(task);
  } finally {
    markEnd(clock);
  }
}

/**
 * A generated key and its CSR; a self-signed certificate goes through the same keystore rules as an upload of the
 * key and certificate would, so what is stored passed the same checks.
 */
async function generate(task: Extract<ImportTask, { kind: "generate" }>): Promise<GeneratedMaterial> {
  const now = new Date(task.now);
  const { key, csrPem, certificatePem } = await generateKeyAndRequest(task.request, now);
  if (certificatePem === undefined) return { key, csrPem };
  const keyPem = key.export({ type: "pkcs8", format: "pem" }).toString();
  const bytes = Buffer.from(keyPem + certificatePem);
  const selfSigned = verifyKeystore({ files: [{ name: "generated", bytes }], password: "", allowExpired: false, now });
  bytes.fill(0);
  return { key, csrPem, selfSigned };
}

async function open(task: ImportTask): Promise<Outcome> {
  const now = new Date(task.now);
  try {
    if (task.kind === "generate") return { ok: true, value: await generate(task) };
    // Buffers arrive as plain Uint8Arrays after the structured clone.
    const files = task.files.map((f) => ({
      name: f.name,
      bytes: Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength),
    }));
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
