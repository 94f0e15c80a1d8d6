import "server-only";
import { ZodError } from "zod";
import { AppError, type FieldError } from "@/lib/errors";

function fieldErrorsOf(e: ZodError): FieldError[] {
  return e.issues.map((issue) => ({ field: issue.path.map(String).join(".") || "body", message: issue.message }));
}

/** Expected failures become AppErrors; anything else is returned as null and must be logged as unexpected. */
export function toAppError(e: unknown): AppError | null {
  if (e instanceof AppError) return e;
  if (e instanceof ZodError) {
    const fieldErrors = fieldErrorsOf(e);
    const first = fieldErrors[0];
    return new AppError("VALIDATION", first ? `${first.field}: ${first.message}` : "Invalid input", fieldErrors);
  }
  return null;
}
