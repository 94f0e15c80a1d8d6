import { publicUrl, SESSION_COOKIE } from "@/lib/server/platform/config";

export type Auth = { bearer: string } | { session: string } | null;

/**
 * Builds the Request a route handler receives, authenticated by API key or session cookie. A session request carries
 * the console's Origin, as the browser sends it from the console's pages; pass `origin` in headers to change it.
 */
export function request(
  method: string,
  path: string,
  auth: Auth,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const h = new Headers(headers);
  if (auth && "bearer" in auth) h.set("authorization", `Bearer ${auth.bearer}`);
  if (auth && "session" in auth) {
    h.set("cookie", `${SESSION_COOKIE}=${auth.session}`);
    if (!h.has("origin")) h.set("origin", new URL(publicUrl()).origin);
  }
  if (body !== undefined && !h.has("content-type")) h.set("content-type", "application/json");
  return new Request(`http://localhost${path}`, {
    method,
    headers: h,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

export const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });
