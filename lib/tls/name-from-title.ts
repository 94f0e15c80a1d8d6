import { z } from "zod";
import { slugify } from "./slug";

const isBlank = (name: unknown) => name === undefined || name === null || (typeof name === "string" && !name.trim());

/**
 * API Connect derives the name from the title when a client leaves it out; so do we, for every profile and store,
 * from the UI and REST alike. An empty name counts as left out, so a cleared name field never fails on its own.
 */
export function withNameFromTitle(raw: unknown): unknown {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return raw;
  const { name, title } = raw as { name?: unknown; title?: unknown };
  return isBlank(name) && typeof title === "string" ? { ...raw, name: slugify(title) } : raw;
}

/** `schema` with the name filled in from the title first; the input type stays the schema's own, for forms. */
export function nameFromTitle<T extends z.ZodType>(schema: T) {
  return z.preprocess((raw: z.input<T>) => withNameFromTitle(raw), schema);
}
