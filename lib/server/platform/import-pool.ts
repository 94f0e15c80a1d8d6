import "server-only";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Piscina } from "piscina";
import { tooMuchWork } from "@/lib/crypto/budget";
import { ImportError } from "@/lib/crypto/import-error";
import type { KeystoreMaterial } from "@/lib/crypto/keystore-rules";
import type { TruststoreMaterial } from "@/lib/crypto/truststore-rules";
import type { UploadFile } from "@/lib/crypto/upload";
import { AppError } from "@/lib/errors";
import { hasStarted, jobTime, newClock, verdict } from "@/lib/server/platform/import-clock";
import type { KeyRequest } from "@/lib/tls/key-request";
import type { GeneratedMaterial, ImportOutcome, ImportResults, ImportTask } from "@/lib/server/platform/import-task";

/**
 * How long one upload may run on a worker thread before the thread is killed. The work budget keeps an
 * accepted upload near a second; the deadline catches whatever the budget does not model (ADR 010).
 */
const IMPORT_DEADLINE_MS = 5_000;
/**
 * Generating a key is work the console chose, not the uploader: an RSA 4096 key takes from under a second to several
 * seconds of CPU (primes are found by chance), so it gets a longer deadline, still of the thread's CPU time (ADR 024).
 */
const GENERATE_DEADLINE_MS = 30_000;
/** Jobs that may wait per thread; past that an upload is refused as "busy" instead of queueing without bound. */
const QUEUE_PER_THREAD = 4;

interface ImportPoolOptions {
  threads: number;
  deadlineMs: number;
  /** For key generation; `deadlineMs` when omitted. */
  generateDeadlineMs?: number;
  /** The bundled worker (scripts/build-workers.ts), by absolute path. */
  filename: string;
}

// Omit over each member of the union, so each kind keeps its own fields.
type Task = ImportTask extends infer T ? (T extends ImportTask ? Omit<T, "clock"> : never) : never;
type PoolOutcome<T> = ImportOutcome<T> | { ok: false; busy: true };

const refusal = (e: ImportError): PoolOutcome<never> => ({
  ok: false,
  refusal: { code: e.code, message: e.message, part: e.part },
});

/** A pool answer as this module's own value or errors (ImportError, or AppError when busy). */
function settle<T>(answer: PoolOutcome<T>): T {
  if (answer.ok) return answer.value;
  if ("busy" in answer)
    throw new AppError(
      "RATE_LIMITED",
      "The server is busy opening uploads and generating keys. Try again in a moment.",
    );
  throw new ImportError(answer.refusal.code, answer.refusal.message, answer.refusal.part);
}

/**
 * IMPORT_WORKERS threads. By default one core is always left to the request thread (uploads are rare, and a
 * busy import thread on every core would starve it): 1 thread on 2 cores, 2 from 3 cores on.
 */
export function importThreads(env: string | undefined = process.env.IMPORT_WORKERS): number {
  if (env === undefined || env === "") return Math.max(1, Math.min(2, availableParallelism() - 1));
  const n = Number(env);
  if (!Number.isInteger(n) || n < 1 || n > 16) throw new Error(`IMPORT_WORKERS must be 1 to 16, not "${env}".`);
  return n;
}

export function createImportPool({
  threads,
  deadlineMs: uploadDeadlineMs,
  generateDeadlineMs,
  filename,
}: ImportPoolOptions) {
  // An upload is at most 4 MB; a worker needing more heap than this is being led astray, and is stopped.
  const pool = new Piscina({
    filename,
    minThreads: threads,
    maxThreads: threads,
    resourceLimits: { maxOldGenerationSizeMb: 256 },
  });
  // piscina's maxQueue does not count tasks that carry an AbortSignal (they wait in its unbounded skip queue),
  // so the jobs in flight are counted here.
  const capacity = threads * (1 + QUEUE_PER_THREAD);
  let inFlight = 0;

  // Answers are plain data, never errors: the pool is shared by every server bundle of the process (it lives on
  // globalThis), and an error class from one bundle fails `instanceof` in another. Each caller's own module
  // turns the answer into its errors (settle).
  async function outcome<K extends Task["kind"]>(
    task: Extract<Task, { kind: K }>,
  ): Promise<PoolOutcome<ImportResults[K]>> {
    if (inFlight >= capacity) return { ok: false, busy: true };
    inFlight++;
    const deadlineMs = task.kind === "generate" ? (generateDeadlineMs ?? uploadDeadlineMs) : uploadDeadlineMs;
    const what = task.kind === "generate" ? "key generation" : "upload";
    const clock = newClock();
    // CPU time in /proc moves in 10 ms ticks; a quarter of the deadline keeps a kill within 25% of it.
    const pollMs = Math.max(10, Math.min(250, deadlineMs / 4));
    const overDeadline = (judged: "work" | "busy"): PoolOutcome<never> =>
      judged === "busy"
        ? { ok: false, busy: true }
        : refusal(tooMuchWork(what, `it needs more than ${deadlineMs / 1000} seconds of work`));
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let refusedFor: "work" | "busy" = "work";
    // The deadline counts from the moment a thread starts the job, so waiting behind others never trips it. The
    // watch looks at the shared clock now and then and kills a job past its deadline.
    const watch = () => {
      const judged = hasStarted(clock) ? verdict(jobTime(clock), deadlineMs) : "ok";
      if (judged === "ok") timer = setTimeout(watch, pollMs);
      else {
        refusedFor = judged;
        controller.abort();
      }
    };
    watch();
    try {
      const answer = await pool.run(
        { ...task, clock: clock.buffer as SharedArrayBuffer },
        { signal: controller.signal },
      );
      // The kill is only as punctual as this thread's event loop; the thread's own clock makes the deadline hard.
      const judged = verdict(jobTime(clock), deadlineMs);
      return judged === "ok" ? answer : overDeadline(judged);
    } catch (e) {
      if (controller.signal.aborted) return overDeadline(refusedFor);
      if ((e as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY")
        return refusal(tooMuchWork(what, `it needs more memory than an ${what} may use`));
      throw e;
    } finally {
      inFlight--;
      clearTimeout(timer);
    }
  }

  return {
    outcome,
    run: async <K extends Task["kind"]>(task: Extract<Task, { kind: K }>) => settle(await outcome(task)),
    close: () => pool.destroy(),
  };
}

export type ImportPool = ReturnType<typeof createImportPool>;

const shared = globalThis as unknown as { importPool?: ImportPool };

/** The process's one pool, started on first use. */
function importPool(): ImportPool {
  shared.importPool ??= createImportPool({
    threads: importThreads(),
    deadlineMs: IMPORT_DEADLINE_MS,
    generateDeadlineMs: GENERATE_DEADLINE_MS,
    filename: join(process.cwd(), "lib", "generated", "import-worker.mjs"),
  });
  return shared.importPool;
}

/** Verifies a keystore upload on a worker thread; refusals are ImportErrors, as from verifyKeystore itself. */
export function openKeystoreUpload(input: {
  files: UploadFile[];
  password: string;
  allowExpired: boolean;
  now: Date;
}): Promise<KeystoreMaterial> {
  return importPool()
    .outcome({ kind: "keystore", ...input, now: input.now.getTime() })
    .then(settle);
}

/** Generates a key (and its CSR, or a self-signed certificate) on a worker thread (ADR 024). */
export function generateKeyMaterial(request: KeyRequest, now: Date): Promise<GeneratedMaterial> {
  return importPool().outcome({ kind: "generate", request, now: now.getTime() }).then(settle);
}

export function openTruststoreUpload(files: UploadFile[], password: string, now: Date): Promise<TruststoreMaterial> {
  return importPool().outcome({ kind: "truststore", files, password, now: now.getTime() }).then(settle);
}
