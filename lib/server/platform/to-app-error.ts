import "server-only";
import { ZodError } from "zod";
import { AppError, type FieldError } from "@/lib/errors";
import { isNulCharacterRefusal } from "@/lib/server/platform/prisma-errors";

/** A hostile body can name thousands of unknown keys or bad entries; the answer names a few and counts the rest. */
const NAMED_KEYS = 5;
const MAX_FIELD_ERRORS = 50;

function messageOf(issue: ZodError["issues"][number]): string {
  if (issue.code !== "unrecognized_keys" || issue.keys.length <= NAMED_KEYS) return issue.message;
  const named = issue.keys.slice(0, NAMED_KEYS).map((k) => `"${k.slice(0, 64)}"`);
  return `Unrecognized keys: ${named.join(", ")} and ${issue.keys.length - NAMED_KEYS} more`;
}

function fieldErrorsOf(e: ZodError): FieldError[] {
  return e.issues
    .slice(0, MAX_FIELD_ERRORS)
    .map((issue) => ({ field: issue.path.map(String).join(".") || "body", message: messageOf(issue) }));
}

/** Expected failures become AppErrors; anything else is returned as null and must be logged as unexpected. */
export function toAppError(e: unknown): AppError | null {
  if (e instanceof AppError) return e;
  if (e instanceof ZodError) {
    const fieldErrors = fieldErrorsOf(e);
    const first = fieldErrors[0];
    return new AppError("VALIDATION", first ? `${first.field}: ${first.message}` : "Invalid input", fieldErrors);
  }
  if (isNulCharacterRefusal(e)) return new AppError("VALIDATION", NUL_MESSAGE);
  return null;
}

export const NUL_MESSAGE = "Text must not contain the NUL character (U+0000).";

/** No request body the console reads nests deeper than a few levels; deeper is refused before any recursive walk. */
export const MAX_JSON_DEPTH = 64;

/** Whether a parsed JSON value nests arrays/objects deeper than `max`; iterative, so any depth is measured safely. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [item, depth] = next;
    if (!item || typeof item !== "object") continue;
    if (depth >= max) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Where in a parsed JSON body a string holds U+0000, as a field path ("title", "files.0.name"); null when nowhere. */
export function nulCharacterAt(value: unknown, path: string[] = []): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path.join(".") || "body" : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const at = nulCharacterAt(item, [...path, String(i)]);
      if (at !== null) return at;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes("\u0000")) return [...path, key].join(".");
      const at = nulCharacterAt(item, [...path, key]);
      if (at !== null) return at;
    }
  }
  return null;
}
