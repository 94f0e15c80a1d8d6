import { NextResponse, type NextRequest } from "next/server";
import { trustedProxies } from "@/lib/server/access/client-ip";
import { servedOverHttps } from "@/lib/server/platform/config";
import { decodePercent } from "@/lib/tls/percent";

/**
 * Stamps each request with an id (logged with unexpected errors, shown to users) and a CSP nonce: Next adds the
 * nonce to its own scripts when it finds the policy on the request. Inline style attributes (Carbon uses a few)
 * cannot carry a nonce, hence 'unsafe-inline' for styles only.
 *
 * It also guards the client address (ADR 014): Next fills X-Forwarded-For with the socket's peer address only
 * when the request has none, so with no trusted proxy a client-sent copy is dropped here and Next writes the
 * real one before the page, action or route runs. HSTS is set here, not in next.config.js, because headers()
 * there is fixed at build time while PUBLIC_URL is read at start.
 */
export function proxy(request: NextRequest) {
  // Next decodes path segments into route params and answers a malformed escape ("%E0%A4%A") with a 500.
  if (request.nextUrl.pathname.split("/").some((segment) => decodePercent(segment) === undefined)) {
    const message = "The path holds a malformed percent-escape.";
    const headers = { "x-request-id": crypto.randomUUID() };
    return request.nextUrl.pathname.startsWith("/api/")
      ? NextResponse.json({ status: 400, message, errors: [] }, { status: 400, headers })
      : new NextResponse(message, {
          status: 400,
          headers: { ...headers, "content-type": "text/plain; charset=utf-8" },
        });
  }
  if (foreignServerAction(request, trustedProxies() > 0)) {
    return new NextResponse("A server action must come from this console's own pages.", {
      status: 403,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
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
  // Without a trusted proxy the forwarded headers are the client's own words: Next would believe its host, too.
  if (trustedProxies() === 0) {
    headers.delete("x-forwarded-for");
    headers.delete("x-forwarded-host");
  }
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  response.headers.set("x-request-id", requestId);
  if (servedOverHttps()) response.headers.set("strict-transport-security", "max-age=31536000");
  return response;
}

/**
 * A POST to a page is a server action: sent by fetch with a Next-Action header, or as a form whose body names the
 * action (no header; Next's own Origin check answers a foreign one with a 500). Either must come from this
 * console's pages, with their Origin, as REST writes must: browsers send Origin on every POST, so a missing one is
 * not a browser on our page. Answered 403 here, before Next reads the body.
 */
function foreignServerAction(request: NextRequest, behindProxy: boolean): boolean {
  if (request.method !== "POST") return false;
  const origin = request.headers.get("origin");
  if (!origin) return true;
  const host = (behindProxy && request.headers.get("x-forwarded-host")) || request.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

export const config = {
  matcher: [
    // Not /api: Next reads a whole request body before the proxy runs (ADR 017), so REST bodies could not be
    // counted as they stream; the REST face stamps its own request id and HSTS.
    { source: "/((?!api/|_next/static|_next/image|fonts|favicon.ico).*)" },
    // Except a REST path holding a percent-escape, which Next's router would answer with a 500 before any route.
    { source: "/(api/.*%.*)" },
  ],
};
