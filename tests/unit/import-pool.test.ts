import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ImportError } from "@/lib/crypto/import-error";
import { issue } from "@/lib/crypto/pki";
import { AppError } from "@/lib/errors";
import {
  createImportPool,
  importThreads,
  openKeystoreUpload,
  type ImportPool,
} from "@/lib/server/platform/import-pool";
import { pfx } from "../helpers/hostile-uploads";

/** The pool runs the bundled worker, as `next start` does (tests/setup/workers.ts builds it). */
const filename = join(process.cwd(), "lib", "generated", "import-worker.mjs");
const now = new Date();
const pair = issue(now, { commonName: "pool.test", usage: "server" });
// Two key bags of 500,000 rounds: the most work the budget accepts, some 0.3 s of CPU on this project's machines;
// the deadlines below (50 ms of CPU) are far under it.
let heavy: Buffer;
const small = { name: "k.pem", bytes: Buffer.from(pair.keyPem + pair.certPem) };
const job = (bytes: Buffer, password = "pw") => ({
  kind: "keystore" as const,
  files: [{ name: "heavy.p12", bytes }],
  password,
  allowExpired: false,
  now: now.getTime(),
});
const pools: ImportPool[] = [];
const pool = (threads: number, deadlineMs: number) => {
  const p = createImportPool({ threads, deadlineMs, filename });
  pools.push(p);
  return p;
};

beforeAll(() => {
  heavy = pfx({ key: pair.privateKey, certPem: pair.certPem, password: "pw", keyBags: 2, iterations: 500_000 });
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

describe("import worker pool", () => {
  it("kills a job past its deadline and answers with a typed refusal; the next job gets a fresh thread", async () => {
    const p = pool(1, 50);
    const refused = await p.run(job(heavy)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ImportError);
    expect(refused).toMatchObject({ code: "TOO_MUCH_WORK", part: "upload" });
    expect((refused as ImportError).message).toContain("needs too much work to open");
    const material = await p.run({ ...job(Buffer.alloc(0)), files: [small], password: "" });
    expect(material.chain[0].subject).toBe("CN=pool.test");
  }, 30_000);

  it("refuses a job that ran past its deadline even when the request thread was too busy to kill it in time", async () => {
    const p = pool(1, 50);
    const answer = p.run(job(heavy)).catch((e: unknown) => e);
    // A stalled event loop (here: 3 s of synchronous work) cannot fire the kill; the job's own clock still rules.
    const until = Date.now() + 3_000;
    while (Date.now() < until);
    // Refused for its work, or (on a machine so busy the thread barely ran) as busy: never stored.
    expect(["TOO_MUCH_WORK", "RATE_LIMITED"]).toContain(((await answer) as { code?: string }).code);
  }, 30_000);

  it("refuses with a typed error what the worker refuses, and answers a flood with 'busy' instead of queueing", async () => {
    const light = pfx({ key: pair.privateKey, certPem: pair.certPem, password: "pw", keyBags: 1, iterations: 2048 });
    await expect(pool(1, 5_000).run(job(light, "wrong"))).rejects.toMatchObject({
      code: "WRONG_PASSWORD",
      part: "password",
    });
    const p = pool(1, 50);
    const flood = await Promise.allSettled(Array.from({ length: 8 }, () => p.run(job(heavy))));
    // Each job ends as "busy" or refused at its deadline: never stored, never an untyped error.
    const outcomes = flood.map((r) =>
      r.status === "fulfilled"
        ? "stored"
        : r.reason instanceof AppError || r.reason instanceof ImportError
          ? r.reason.code
          : String(r.reason),
    );
    expect(outcomes).toContain("RATE_LIMITED");
    expect(outcomes.filter((o) => !["RATE_LIMITED", "TOO_MUCH_WORK"].includes(o))).toEqual([]);
  }, 30_000);

  it("keeps the request thread's event loop free while the heaviest accepted upload is opened", async () => {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const material = await openKeystoreUpload({
      files: [{ name: "heavy.p12", bytes: heavy }],
      password: "pw",
      allowExpired: false,
      now,
    });
    delay.disable();
    expect(material.keyDescription.type).toBe("EC");
    expect(delay.max / 1e6).toBeLessThan(200);
  }, 30_000);

  it.runIf(process.platform === "linux")(
    "runs imports at the lowest CPU priority, leaving the request thread's alone",
    async () => {
      const p = pool(1, 5_000);
      await p.run({ ...job(Buffer.alloc(0)), files: [small], password: "" });
      // Linux keeps a nice value per thread: field 19 of /proc/<pid>/task/<tid>/stat.
      const nice = (tid: string) =>
        Number(readFileSync(`/proc/self/task/${tid}/stat`, "utf8").split(") ")[1].split(" ")[16]);
      const threads = readdirSync("/proc/self/task").map(nice);
      expect(nice(String(process.pid))).toBe(0);
      expect(threads).toContain(19);
    },
    30_000,
  );

  it("reads IMPORT_WORKERS, refusing nonsense", () => {
    expect(importThreads(undefined)).toBe(Math.max(1, Math.min(2, availableParallelism() - 1)));
    expect(importThreads("1")).toBe(1);
    expect(() => importThreads("many")).toThrow("IMPORT_WORKERS");
  });
});
