import { readFileSync, readlinkSync } from "node:fs";

/**
 * What the request thread and an import thread share about one job (ADR 010): slots of ms since the epoch for the
 * wall clock, the thread's id, and its CPU time at start and end. The deadline counts CPU time, so an import thread
 * that waits for a core on a busy machine is not refused for work it has not done; a wall-clock cap, much longer,
 * still bounds how long an upload can take.
 */
const enum Slot {
  WallStart,
  WallEnd,
  ThreadId,
  CpuStart,
  CpuEnd,
}

/** How many deadlines of waiting (not working) a job may take before it is refused as "busy". */
const WALL_CAP_FACTOR = 6;

export function newClock(): BigInt64Array {
  return new BigInt64Array(new SharedArrayBuffer(5 * BigInt64Array.BYTES_PER_ELEMENT));
}

// Linux reports a thread's user and system time in /proc in clock ticks of 10 ms (USER_HZ is 100 there).
function cpuMsOf(statPath: string): number | undefined {
  try {
    const fields = readFileSync(statPath, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

function ownThreadId(): number | undefined {
  try {
    return Number(readlinkSync("/proc/thread-self").split("/").pop());
  } catch {
    return undefined;
  }
}

const store = (clock: BigInt64Array, slot: Slot, value: number | undefined) =>
  Atomics.store(clock, slot, BigInt(Math.round(value ?? -1)));
const load = (clock: BigInt64Array, slot: Slot) => Number(Atomics.load(clock, slot));

/** On the import thread, before the work. */
export function markStart(clock: BigInt64Array): void {
  store(clock, Slot.ThreadId, ownThreadId());
  store(clock, Slot.CpuStart, cpuMsOf("/proc/thread-self/stat"));
  store(clock, Slot.WallStart, Date.now());
}

/** On the import thread, after the work (the end slots are written before the answer is sent). */
export function markEnd(clock: BigInt64Array): void {
  store(clock, Slot.CpuEnd, cpuMsOf("/proc/thread-self/stat"));
  store(clock, Slot.WallEnd, Date.now());
}

export const hasStarted = (clock: BigInt64Array) => load(clock, Slot.WallStart) > 0;

interface JobTime {
  wallMs: number;
  /** The thread's CPU time on the job; the wall time where the platform does not tell. */
  cpuMs: number;
}

/** Read by the request thread: while the job runs (live from /proc), or once it has ended. */
export function jobTime(clock: BigInt64Array, now = Date.now()): JobTime {
  const ended = load(clock, Slot.WallEnd) > 0;
  const wallMs = (ended ? load(clock, Slot.WallEnd) : now) - load(clock, Slot.WallStart);
  const cpuStart = load(clock, Slot.CpuStart);
  const tid = load(clock, Slot.ThreadId);
  const cpuNow = ended ? load(clock, Slot.CpuEnd) : tid > 0 ? cpuMsOf(`/proc/self/task/${tid}/stat`) : undefined;
  const known = cpuStart >= 0 && cpuNow !== undefined && cpuNow >= 0;
  return { wallMs, cpuMs: known ? cpuNow - cpuStart : wallMs };
}

/** "work": more CPU than the deadline allows; "busy": waited far too long for a core; "ok" otherwise. */
export function verdict({ wallMs, cpuMs }: JobTime, deadlineMs: number): "ok" | "work" | "busy" {
  if (cpuMs > deadlineMs) return "work";
  return wallMs > deadlineMs * WALL_CAP_FACTOR ? "busy" : "ok";
}
