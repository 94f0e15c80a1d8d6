import { z } from "zod";
import { AppError } from "@/lib/errors";
import { ROTATION_WARNING_CODES } from "./rotation-diff";
import { TRUSTSTORE_WARNING_CODES } from "./truststore-diff";

const KNOWN_CODES = new Set<string>([...ROTATION_WARNING_CODES, ...TRUSTSTORE_WARNING_CODES]);

/** The warning codes a person confirms before a swap (ADR 026): named one by one, never "all", each one we know. */
const ZConfirm = z
  .array(
    z
      .string()
      .trim()
      .refine((c) => KNOWN_CODES.has(c), {
        error: (i) => `Not a warning code: ${JSON.stringify(i.input).slice(0, 70)}`,
      }),
  )
  .max(20, "At most 20 codes")
  .default([]);

/** `POST …/pending/activate`: now, or at a time (ISO 8601 with its offset) still to come. */
export const ZActivateBody = z.strictObject({
  at: z.iso
    .datetime({ offset: true, error: () => 'A date and time with its offset, for example "2027-01-31T02:00:00Z"' })
    .transform((at) => new Date(at))
    .optional(),
  confirm: ZConfirm,
});

/** `POST …/versions/{n}/restore`; also the `confirm` of a replacement (`PUT …/material`, the replace page). */
export const ZRestoreBody = z.strictObject({ confirm: ZConfirm });

/** Refuses a swap while any warning code is not confirmed, at the `confirm` field, naming each code. */
export function assertConfirmed(
  warnings: readonly { code: string }[],
  confirmed: readonly string[],
  saying = (missing: string) => `Confirm these warnings first: ${missing}.`,
): void {
  const given = new Set(confirmed);
  const missing = warnings.map((w) => w.code).filter((c) => !given.has(c));
  if (missing.length === 0) return;
  const message = saying(missing.join(", "));
  throw new AppError("VALIDATION", message, [{ field: "confirm", message }]);
}
