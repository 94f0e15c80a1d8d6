import "server-only";
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { connectionFailure } from "@/lib/server/outbound/connection-failure";
import {
  checkWebhookUrl,
  hostName,
  type Lookup,
  OutboundRefused,
  resolvePinned,
} from "@/lib/server/outbound/destination";

const MAX_RESPONSE_BYTES = 64 * 1024;
const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_CONNECT_MS = 5_000;

interface PostOptions {
  /** Replaces DNS (tests). */
  lookup?: Lookup;
  /** Certificate authorities to trust instead of Node's bundle (a receiver behind a private CA; tests). */
  ca?: string | string[];
}

interface Pinned {
  address: string;
  family: 4 | 6;
}

/** Headers the guard owns: Host carries the name while the socket goes to the pinned address. */
function headersFor(url: URL, init: { body: string; headers: Record<string, string> }): OutgoingHttpHeaders {
  const own = new Set(["host", "content-length", "transfer-encoding", "connection"]);
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(init.headers)) if (!own.has(name.toLowerCase())) headers[name] = value;
  return { ...headers, host: url.host, "content-length": Buffer.byteLength(init.body), connection: "close" };
}

function send(
  url: URL,
  name: string,
  pinned: Pinned,
  init: { body: string; headers: Record<string, string> },
  limits: { connectMs: number; signal: AbortSignal; timeoutMs: number },
  ca: PostOptions["ca"],
): Promise<{ status: number; body: string }> {
  const https = url.protocol === "https:";
  const port = Number(url.port) || (https ? 443 : 80);
  return new Promise((resolve, reject) => {
    const req = (https ? httpsRequest : httpRequest)({
      host: pinned.address,
      family: pinned.family,
      port,
      method: "POST",
      path: `${url.pathname}${url.search}`,
      headers: headersFor(url, init),
      agent: false,
      // SNI and the certificate check use the name, not the address dialled.
      ...(https ? { servername: isIP(name) ? "" : name, ...(ca ? { ca } : {}) } : {}),
    });
    let settled = false;
    const finish = (error: OutboundRefused | null, result?: { status: number; body: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      limits.signal.removeEventListener("abort", onDeadline);
      if (error) {
        req.destroy();
        reject(error);
      } else resolve(result!);
    };
    const onDeadline = () =>
      finish(new OutboundRefused("TIMEOUT", `${name} did not answer within ${limits.timeoutMs / 1000} s.`));
    const connectTimer = setTimeout(
      () =>
        finish(
          new OutboundRefused("TIMEOUT", `${name} did not accept a connection within ${limits.connectMs / 1000} s.`),
        ),
      limits.connectMs,
    );
    limits.signal.addEventListener("abort", onDeadline, { once: true });
    if (limits.signal.aborted) onDeadline();
    req.once("socket", (socket) => socket.once(https ? "secureConnect" : "connect", () => clearTimeout(connectTimer)));
    req.on("error", (e) => finish(connectionFailure(e, name, port)));
    req.on("response", (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400) {
        return finish(
          new OutboundRefused(
            "REDIRECT",
            `${name} answered with a redirect (${status}), which is not followed: enter the address it points to.`,
          ),
        );
      }
      const tooLarge = () =>
        finish(new OutboundRefused("TOO_LARGE", `${name} answered with more than ${MAX_RESPONSE_BYTES / 1024} KB.`));
      if (Number(res.headers["content-length"]) > MAX_RESPONSE_BYTES) return tooLarge();
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) return tooLarge();
        chunks.push(chunk);
      });
      res.on("end", () => finish(null, { status, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", (e) => finish(connectionFailure(e, name, port)));
    });
    req.end(init.body);
  });
}

/**
 * POSTs to a checked URL via the pinned address (Host header/SNI keep the name), never follows redirects (a 3xx is
 * returned as OutboundRefused "REDIRECT"), connect+total timeouts, response body read at most 64 KB (more is
 * TOO_LARGE: the socket is closed rather than read on). The total timeout covers DNS, connect, TLS and the answer.
 */
export async function guardedPost(
  url: string,
  init: { body: string; headers: Record<string, string>; timeoutMs?: number },
  options: PostOptions = {},
): Promise<{ status: number; body: string }> {
  const target = checkWebhookUrl(url);
  const name = hostName(target.hostname)!;
  const timeoutMs = init.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  try {
    const pinned = await resolvePinned(name, "webhook", { lookup: options.lookup, signal: deadline.signal });
    if (target.protocol === "http:" && !pinned.trusted) {
      throw new OutboundRefused(
        "HTTPS_REQUIRED",
        `Webhooks are sent over https only: ${name} is not in a network this server trusts for plain http.`,
      );
    }
    const limits = { connectMs: Math.min(timeoutMs, MAX_CONNECT_MS), signal: deadline.signal, timeoutMs };
    return await send(target, name, pinned, init, limits, options.ca);
  } finally {
    clearTimeout(timer);
  }
}
