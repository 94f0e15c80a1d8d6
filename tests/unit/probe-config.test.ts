import { describe, expect, it } from "vitest";
import { ConfigError, probeTimeoutMs } from "@/lib/server/platform/config";

describe("PROBE_TIMEOUT_MS", () => {
  it("is 10 s by default, a whole number of milliseconds from 1 s to 60 s otherwise", () => {
    expect(probeTimeoutMs({})).toBe(10_000);
    expect(probeTimeoutMs({ PROBE_TIMEOUT_MS: " 2500 " })).toBe(2_500);
    for (const bad of ["999", "60001", "1.5", "10s"]) {
      expect(() => probeTimeoutMs({ PROBE_TIMEOUT_MS: bad })).toThrow(ConfigError);
    }
  });
});
