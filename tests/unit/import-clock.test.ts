import { pbkdf2Sync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { jobTime, markEnd, markStart, newClock, verdict } from "@/lib/server/platform/import-clock";

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
// A fixed amount of work (0.3–0.5 s of one core on the machines we run on; 300,000 rounds was only 80 ms on a fast
// one), however long a busy machine makes it take.
const work = () => pbkdf2Sync("password", "salt", 1_500_000, 32, "sha256");

describe("import job clock", () => {
  it.runIf(process.platform === "linux")("counts the thread's CPU time, not the time it waited", () => {
    const waited = newClock();
    markStart(waited);
    sleep(400);
    markEnd(waited);
    const idle = jobTime(waited);
    expect(idle.wallMs).toBeGreaterThanOrEqual(390);
    expect(idle.cpuMs).toBeLessThan(100);
    expect(verdict(idle, 200)).toBe("ok");

    const worked = newClock();
    markStart(worked);
    work();
    markEnd(worked);
    expect(jobTime(worked).cpuMs).toBeGreaterThanOrEqual(100);
    expect(verdict(jobTime(worked), 50)).toBe("work");
  });

  it("refuses as busy a job that waited for a core far longer than its deadline", () => {
    expect(verdict({ wallMs: 5_000, cpuMs: 900 }, 1_000)).toBe("ok");
    expect(verdict({ wallMs: 6_500, cpuMs: 900 }, 1_000)).toBe("busy");
    expect(verdict({ wallMs: 1_200, cpuMs: 1_100 }, 1_000)).toBe("work");
  });
});
