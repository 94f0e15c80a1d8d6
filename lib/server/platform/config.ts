import "server-only";

/** Absolute URLs in API responses (API Connect's `url` fields) start with this. */
export function publicUrl(): string {
  return (process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, "");
}

export const SESSION_COOKIE = "tls_console_session";
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
