import { describe, expect, it } from "vitest";
import {
  bucketRange,
  certificateRole,
  commonName,
  crossedThresholds,
  certificateLifetimeDays,
  DAY_MS,
  daysLeft,
  DEFAULT_THRESHOLDS,
  type DependedCertificate,
  earliestBreak,
  EXPIRY_BUCKETS,
  expiryBucket,
  inDateRange,
  timelineBounds,
  withinDaysEnd,
} from "./expiry";

const now = new Date("2026-12-02T12:00:00Z");
const inDays = (d: number) => new Date(now.getTime() + d * DAY_MS);

describe("expiry rules", () => {
  it("counts whole days left, negative once expired", () => {
    expect(daysLeft(inDays(40), now)).toBe(40);
    expect(daysLeft(inDays(0.5), now)).toBe(0);
    expect(daysLeft(inDays(-0.1), now)).toBe(-1);
  });

  it("counts a certificate's lifetime with a started day as whole, allowing an hour of backdating", () => {
    const from = new Date(Date.UTC(2027, 0, 1));
    const after = (ms: number) => new Date(from.getTime() + ms);
    const H = 3_600_000;
    expect(certificateLifetimeDays(from, after(398 * DAY_MS))).toBe(398);
    expect(certificateLifetimeDays(new Date(from.getTime() - 60_000), after(398 * DAY_MS))).toBe(398);
    expect(certificateLifetimeDays(from, after(398 * DAY_MS + 23 * H))).toBe(399);
    expect(certificateLifetimeDays(from, after(398 * DAY_MS + 2 * H))).toBe(399);
    expect(certificateLifetimeDays(from, after(30 * 60_000))).toBe(0);
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

  it("filters each bucket by exactly the dates the rule puts in it", () => {
    // Every hour for 120 days either side, plus the edges to the millisecond.
    const edges = [0, 8, 31, 91].flatMap((d) => [-1, 0, 1].map((ms) => new Date(inDays(d).getTime() + ms)));
    const hours = Array.from({ length: 240 * 24 }, (_, h) => inDays(-120 + h / 24));
    for (const d of [...edges, ...hours]) {
      const holding = EXPIRY_BUCKETS.filter((b) => inDateRange(d, bucketRange(b, now)));
      expect(holding, d.toISOString()).toEqual([expiryBucket(d, now)]);
    }
  });

  it("reads within_days as at most N days left, expired included", () => {
    const end = withinDaysEnd(30, now);
    expect(daysLeft(new Date(end.getTime() - 1), now)).toBe(30);
    expect(daysLeft(end, now)).toBe(31);
  });

  it("takes the CN from a one-line distinguished name", () => {
    expect(commonName("C=US, O=Let's Encrypt, CN=R11")).toBe("R11");
    expect(commonName("CN=gateway.example, O=Acme, Inc.")).toBe("gateway.example");
    expect(commonName("CN=Acme, Inc. Root, O=Acme")).toBe("Acme, Inc. Root");
    expect(commonName("O=No Common Name")).toBe("O=No Common Name");
  });

  it("says when a profile breaks and which certificate breaks it", () => {
    const cert = (over: Partial<DependedCertificate>): DependedCertificate => ({
      kind: "keystore",
      storeName: "partner-mtls",
      position: 0,
      selfSigned: false,
      subject: "CN=leaf.example",
      notAfter: inDays(300),
      ...over,
    });
    const chain = [
      cert({}),
      cert({ position: 1, subject: "O=Let's Encrypt, CN=R11", notAfter: new Date("2027-03-02T10:00:00Z") }),
      cert({ position: 2, selfSigned: true, subject: "CN=Root X1", notAfter: inDays(3000) }),
    ];
    expect(earliestBreak(chain, now)).toEqual({
      breaksAt: new Date("2027-03-02T10:00:00Z"),
      cause: "breaks 2027-03-02: intermediate 'R11' of keystore partner-mtls expires",
    });
    const anchor = cert({ kind: "truststore", storeName: "partners", subject: "CN=Old CA", notAfter: inDays(-3) });
    expect(earliestBreak([...chain, anchor], now)?.cause).toBe(
      "broken since 2026-11-29: trust anchor 'Old CA' of truststore partners expired",
    );
    // Same instant: the keystore's chain is named first, the leaf before the root.
    const same = inDays(10);
    expect(
      earliestBreak([{ ...anchor, notAfter: same }, cert({ position: 2, selfSigned: true, notAfter: same })], now)
        ?.cause,
    ).toMatch(/^breaks .*: root 'leaf.example' of keystore/);
    expect(earliestBreak([], now)).toBeNull();
  });

  it("lays out twelve monthly bars from now", () => {
    const bounds = timelineBounds(now, 12);
    expect(bounds).toHaveLength(13);
    expect(bounds[0]).toEqual(now);
    expect(bounds[1].toISOString()).toBe("2027-01-01T00:00:00.000Z");
    expect(bounds[12].toISOString()).toBe("2027-12-01T00:00:00.000Z");
  });
});
