import "server-only";
import { AppError, GENERIC_MESSAGE, HTTP_STATUS } from "@/lib/errors";
import type { Permission } from "@/lib/auth/permissions";
import { requireOrg, type OrgContext } from "@/lib/server/access/require-org";
import type { Actor } from "@/lib/server/access/actor";
import { actorFromApiKey } from "@/lib/server/access/api-keys";
import { actorFromSessionToken } from "@/lib/server/access/sessions";
import { MAX_JSON_BODY_BYTES } from "@/lib/crypto/limits";
import { decodePercent } from "@/lib/tls/percent";
import { randomUUID } from "node:crypto";
import { publicUrl, servedOverHttps, SESSION_COOKIE } from "@/lib/server/platform/config";
import { logger } from "@/lib/server/platform/logger";
import {
  MAX_JSON_DEPTH,
  nestsDeeperThan,
  NUL_MESSAGE,
  nulCharacterAt,
  toAppError,
} from "@/lib/server/platform/to-app-error";

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
  // A cookie that does not decode cannot name a session: unauthenticated, not a 500.
  return actorFromSessionToken(token === undefined ? undefined : decodePercent(token));
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * A browser attaches the session cookie to a request another site makes it send, and says which site in `Origin`.
 * Writes with a cookie must come from the console's own pages; an API key is never sent on its own, so needs no check.
 */
function assertSameOrigin(req: Request, actor: Actor | null): void {
  if (actor?.via !== "session" || !UNSAFE_METHODS.has(req.method.toUpperCase())) return;
  if (req.headers.get("origin") !== new URL(publicUrl()).origin)
    throw new AppError("FORBIDDEN", "A request signed in with a browser session must come from this console's pages.");
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });
}

/**
 * proxy.ts does not run for /api (ADR 017: Next would buffer the whole body for it before the route counts a
 * byte), so REST responses get their request id and HSTS here.
 */
export function stamped(response: Response, requestId: string = randomUUID()): Response {
  response.headers.set("x-request-id", requestId);
  if (servedOverHttps()) response.headers.set("strict-transport-security", "max-age=31536000");
  return response;
}

function errorResponse(e: AppError): Response {
  const status = HTTP_STATUS[e.code];
  const headers: Record<string, string> = {};
  if (status === 401) headers["www-authenticate"] = 'Bearer realm="tls-console"';
  return json({ status, message: e.message, errors: e.fieldErrors }, status, headers);
}

/** Reads a JSON body within MAX_JSON_BODY_BYTES (room for every file of an upload as base64): 413 beyond, 400 if not JSON. */
export async function readJson(req: Request): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw new AppError("BAD_REQUEST", "Content-Type must be application/json.");
  // An honest Content-Length over the limit is refused before reading; a lying or absent one is caught while counting.
  if (Number(req.headers.get("content-length") ?? "0") > MAX_JSON_BODY_BYTES) throw tooLarge();
  const bytes = await readAtMost(req, MAX_JSON_BODY_BYTES);
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid JSON.");
  }
  // nulCharacterAt recurses; a body nested thousands deep would overflow the stack into a 500.
  if (nestsDeeperThan(body, MAX_JSON_DEPTH))
    throw new AppError("BAD_REQUEST", `The request body is nested more than ${MAX_JSON_DEPTH} levels deep.`);
  const at = nulCharacterAt(body);
  if (at !== null) throw new AppError("VALIDATION", `${at}: ${NUL_MESSAGE}`, [{ field: at, message: NUL_MESSAGE }]);
  return body;
}

/** Reads the body as it streams in and stops at the first byte past `limit`, so memory never holds more. */
async function readAtMost(req: Request, limit: number): Promise<Buffer> {
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks, total);
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
}

function tooLarge() {
  const mb = (MAX_JSON_BODY_BYTES / 1024 / 1024).toFixed(1);
  return new AppError("PAYLOAD_TOO_LARGE", `The request body is larger than ${mb} MB.`);
}

type RouteContext<P> = { params: Promise<P> };

/** Wraps an organization-scoped REST route: authenticate, authorize, run, map errors to API Connect-style JSON. */
export function orgRoute<P extends { org: string }>(
  permission: Permission,
  body: (ctx: OrgContext, req: Request, params: P) => Promise<Response>,
) {
  return async (req: Request, { params }: RouteContext<P>): Promise<Response> => {
    const requestId = randomUUID();
    return stamped(await answer(req, params, requestId), requestId);
  };

  async function answer(req: Request, params: Promise<P>, requestId: string): Promise<Response> {
    try {
      const p = await params;
      if ([...new URL(req.url).searchParams.values()].some((v) => v.includes("\u0000")))
        throw new AppError("BAD_REQUEST", `The query string: ${NUL_MESSAGE}`);
      const actor = await actorFromRequest(req);
      assertSameOrigin(req, actor);
      const ctx = await requireOrg(actor, p.org, permission, requestId);
      return await body(ctx, req, p);
    } catch (e) {
      return failure(e, req, requestId);
    }
  }
}

/**
 * Wraps a REST route that belongs to no organization (reference data such as the TLS presets): any signed-in user or
 * valid API key, whatever organization a key is restricted to; 401 otherwise. Same credentials, Origin check and
 * error mapping as orgRoute.
 */
export function signedInRoute(body: (req: Request) => Promise<Response>) {
  return async (req: Request): Promise<Response> => {
    const requestId = randomUUID();
    try {
      const actor = await actorFromRequest(req);
      assertSameOrigin(req, actor);
      if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in or send an API key.");
      return stamped(await body(req), requestId);
    } catch (e) {
      return stamped(failure(e, req, requestId), requestId);
    }
  };
}

/**
 * A refusal as API Connect-style JSON; an unexpected error is logged with the request id and answered generically.
 * The log names the path only, never the query string: a calendar feed's token travels there (ADR 021).
 */
export function failure(e: unknown, req: Request, requestId: string): Response {
  const known = toAppError(e);
  if (known) return errorResponse(known);
  logger.error({ err: e, requestId, method: req.method, path: new URL(req.url).pathname }, "unexpected API error");
  return json({ status: 500, message: `${GENERIC_MESSAGE} (request id ${requestId})`, errors: [] }, 500);
}
