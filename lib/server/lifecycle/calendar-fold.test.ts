import fc from "fast-check";
import { foldLines as libraryFold } from "ical-generator";
import { describe, expect, it } from "vitest";
import { foldLines } from "./calendar-fold";

describe("calendar line folding", () => {
  it("folds exactly as ical-generator does, on any text (ASCII, accents, CJK, emoji, lone surrogates)", () => {
    const line = fc.string({
      unit: fc.oneof(fc.constantFrom("a", "é", "漢", "😀", "\ud800", " "), fc.string({ unit: "binary", maxLength: 1 })),
      maxLength: 400,
    });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 5 }), (lines) => {
        const text = lines.join("\r\n");
        expect(foldLines(text)).toBe(libraryFold(text));
      }),
      { numRuns: 150, seed: 21 },
    );
  });

  it("keeps every line of the result within 75 octets", () => {
    const folded = foldLines(`DESCRIPTION:${"é".repeat(100)}`);
    for (const l of folded.split("\r\n")) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, "")).toBe(`DESCRIPTION:${"é".repeat(100)}`);
  });
});
