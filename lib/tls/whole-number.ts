import { z } from "zod";

/**
 * A whole number given as a JSON number, or as the decimal digits a form field sends. z.coerce would also take
 * true (1), [443], "0x1bb" and "1e3": a request would mean something other than what it says.
 */
export const wholeNumber = <T extends z.ZodNumber>(inner: T) =>
  z.preprocess((v) => (typeof v === "string" && /^\d{1,9}$/.test(v) ? Number(v) : v), inner);
