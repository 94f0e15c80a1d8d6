import { NextResponse, type NextRequest } from "next/server";
import { decodePercent } from "@/lib/tls/percent";

/**
 * Stamps each request with an id (logged with unexpected errors, shown to users) and a CSP nonce: Next adds the
 * nonce to its own scripts when it finds the policy on the request. Inline style attributes (Carbon uses a few)
 * cannot carry a nonce, hence 'unsafe-inline' for styles only.
 */
export function proxy(request: NextRequest) {
  // Next decodes path segments into route params and answers a malformed escape ("%E0%A4%A") with a 500.
  if (request.nextUrl.pathname.split("/").some((segment) => decodePercent(segment) === undefined)) {
    const message = "The path holds a malformed percent-escape.";
    return request.nextUrl.pathname.startsWith("/api/")
      ? NextResponse.json({ status: 400, message, errors: [] }, { status: 400 })
      : new NextResponse(message, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  const nonce = btoa(crypto.randomUUID());
  const dev = process.env.NODE_ENV !== "production";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  const requestId = crypto.randomUUID();
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("x-request-id", requestId);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  response.headers.set("x-request-id", requestId);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|fonts|favicon.ico).*)" }],
};
