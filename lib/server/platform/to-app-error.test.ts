import { describe, expect, it } from "vitest";
import { z } from "zod";
import { toAppError } from "@/lib/server/platform/to-app-error";

describe("toAppError of a validation failure", () => {
  it("names a few of a hostile body's unknown keys and counts the rest, instead of echoing them all", () => {
    const body = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, 1]));
    const parsed = z.strictObject({ name: z.string().optional() }).safeParse(body);
    const e = toAppError(parsed.error)!;
    expect(e.code).toBe("VALIDATION");
    expect(e.fieldErrors).toEqual([
      { field: "body", message: 'Unrecognized keys: "k0", "k1", "k2", "k3", "k4" and 9995 more' },
    ]);
  });

  it("keeps the first 50 field errors of a body with many bad entries", () => {
    const parsed = z.array(z.string()).safeParse(Array.from({ length: 500 }, () => 1));
    const e = toAppError(parsed.error)!;
    expect(e.fieldErrors).toHaveLength(50);
    expect(e.fieldErrors[0].field).toBe("0");
    expect(e.message).toMatch(/^0: /);
  });

  it("keeps a short unknown-key message as zod words it", () => {
    const parsed = z.strictObject({}).safeParse({ extra: 1 });
    expect(toAppError(parsed.error)!.fieldErrors[0].message).toBe('Unrecognized key: "extra"');
  });
});
