import "server-only";
import { ImportError } from "@/lib/crypto/import-error";
import { AppError } from "@/lib/errors";

const FIELD_OF_PART: Record<string, string> = { password: "password", allowExpired: "allow_expired" };

/**
 * Turns an upload refusal into the app's typed error, with the message at the field that caused it:
 * `fileField` names where uploaded files sit (the REST body field, or the form's file input).
 */
export function importRefusal(e: unknown, fileField: (part: string) => string): never {
  if (e instanceof ImportError) {
    const field = FIELD_OF_PART[e.part] ?? fileField(e.part);
    throw new AppError(e.code === "TOO_LARGE" ? "PAYLOAD_TOO_LARGE" : "VALIDATION", e.message, [
      { field, message: e.message },
    ]);
  }
  throw e;
}
