import "server-only";
import { AppError, GENERIC_MESSAGE, HTTP_STATUS } from "@/lib/errors";
import type { Permission } from "@/lib/auth/permissions";
import { requireOrg, type OrgContext } from "@/lib/server/access/require-org";
import type { Actor } from "@/lib/server/access/actor";
import { actorFromApiKey } from "@/lib/server/access/api-keys";
import { actorFromSessionToken } from "@/lib/server/access/sessions";
import { MAX_BODY_BYTES, SESSION_COOKIE } from "@/lib/server/platform/config";
import { logger } from "@/lib/server/platform/logger";
import { requestIdFrom } from "@/lib/server/platform/request-id";
import { toAppError } from "@/lib/server/platform/to-app-error";

/** A bearer API key, or else the browser's session cookie. A presented but invalid key never falls back. */
async function actorFromRequest(req: Request): Promise<Actor | null> {
  const auth = req.headers.get("authorization");
  if (auth) {
    const match = auth.match(/^Bearer\s+(\S+)$/i);
    return match ? actorFromApiKey(match[1]) : null;
  }
  const cookie = req.headers.get("cookie") ?? "";
  const token = cookie
    .split(";")
    .map((c) => c.trim().split("="))
    .find(([k]) => k === SESSION_COOKIE)?.[1];
  return actorFromSessionToken(token && decodeURIComponent(token));
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });
}

function errorResponse(e: AppError, requestId: string): Response {
  const status = HTTP_STATUS[e.code];
  const headers: Record<string, string> = { "x-request-id": requestId };
  if (status === 401) headers["www-authenticate"] = 'Bearer realm="tls-console"';
  return json({ status, message: e.message, errors: e.fieldErrors }, status, headers);
}

/** Reads a JSON body of at most 1 MB: 413 beyond it, 400 when it is not JSON. */
export async function readJson(req: Request): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw new AppError("BAD_REQUEST", "Content-Type must be application/json.");
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const bytes = new Uint8Array(await req.arrayBuffer());
  if (bytes.byteLength > MAX_BODY_BYTES) throw tooLarge();
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid JSON.");
  }
}

function tooLarge() {
  return new AppError("PAYLOAD_TOO_LARGE", `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`);
}

type RouteContext<P> = { params: Promise<P> };

/** Wraps an organization-scoped REST route: authenticate, authorize, run, map errors to API Connect-style JSON. */
export function orgRoute<P extends { org: string }>(
  permission: Permission,
  body: (ctx: OrgContext, req: Request, params: P) => Promise<Response>,
) {
  return async (req: Request, { params }: RouteContext<P>): Promise<Response> => {
    const requestId = requestIdFrom(req.headers);
    try {
      const p = await params;
      const ctx = await requireOrg(await actorFromRequest(req), p.org, permission, requestId);
      return await body(ctx, req, p);
    } catch (e) {
      const known = toAppError(e);
      if (known) return errorResponse(known, requestId);
      logger.error({ err: e, requestId, method: req.method, path: new URL(req.url).pathname }, "unexpected API error");
      return json({ status: 500, message: `${GENERIC_MESSAGE} (request id ${requestId})`, errors: [] }, 500, {
        "x-request-id": requestId,
      });
    }
  };
}
