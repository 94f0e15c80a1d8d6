import { describe, expect, it } from "vitest";
import { ConfigError, probeConcurrency } from "@/lib/server/platform/config";

describe("PROBE_CONCURRENCY", () => {
  it("is 3 by default, a whole number from 1 to 100, and stops the start otherwise", () => {
    expect(probeConcurrency({})).toBe(3);
    expect(probeConcurrency({ PROBE_CONCURRENCY: " 7 " })).toBe(7);
    for (const bad of ["0", "-1", "2.5", "many", "101"])
      expect(() => probeConcurrency({ PROBE_CONCURRENCY: bad })).toThrow(ConfigError);
  });
});
