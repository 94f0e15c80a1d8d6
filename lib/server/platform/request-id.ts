import "server-only";
import { randomUUID } from "node:crypto";

/** The proxy stamps every request with x-request-id; it is logged with every unexpected error and shown to users. */
export function requestIdFrom(headers: Headers): string {
  const given = headers.get("x-request-id");
  return given && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
}
