import { describe, expect, it } from "vitest";
import { certificateRole, crossedThresholds, DAY_MS, daysLeft, DEFAULT_THRESHOLDS, expiryBucket } from "./expiry";

const now = new Date("2026-12-02T12:00:00Z");
const inDays = (d: number) => new Date(now.getTime() + d * DAY_MS);

describe("expiry rules", () => {
  it("counts whole days left, negative once expired", () => {
    expect(daysLeft(inDays(40), now)).toBe(40);
    expect(daysLeft(inDays(0.5), now)).toBe(0);
    expect(daysLeft(inDays(-0.1), now)).toBe(-1);
  });

  it("puts each certificate in one bucket", () => {
    expect([-1, 0, 0.5, 7, 7.5, 30, 31, 90, 91].map((d) => expiryBucket(inDays(d), now))).toEqual([
      "expired",
      "expired",
      "7",
      "7",
      "7",
      "30",
      "90",
      "90",
      "later",
    ]);
  });

  it("lists the crossed thresholds, most urgent first", () => {
    const crossed = (d: number) => crossedThresholds(inDays(d), now, DEFAULT_THRESHOLDS);
    expect(crossed(40)).toEqual([]);
    expect(crossed(29)).toEqual([30]);
    expect(crossed(6)).toEqual([7, 30]);
    expect(crossed(0.5)).toEqual([1, 7, 30]);
    expect(crossed(0)).toEqual([0, 1, 7, 30]);
    expect(crossed(-1)).toEqual([0, 1, 7, 30]);
    expect(crossedThresholds(inDays(5), now, [7, 7, 30])).toEqual([7, 30]);
  });

  it("names a certificate's place in its store", () => {
    expect(certificateRole("keystore", 0, false)).toBe("leaf");
    expect(certificateRole("keystore", 0, true)).toBe("leaf");
    expect(certificateRole("keystore", 1, false)).toBe("intermediate");
    expect(certificateRole("keystore", 2, true)).toBe("root");
    expect(certificateRole("truststore", 0, true)).toBe("trust anchor");
  });
});
