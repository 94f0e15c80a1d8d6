import "server-only";
import { type Cidr, parseCidrList } from "@/lib/net/cidr";

/** Absolute URLs in API responses (API Connect's `url` fields) start with this. */
export function publicUrl(): string {
  return (process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, "");
}

/** Served over https (PUBLIC_URL says so, also behind a TLS-terminating proxy): Secure cookies and HSTS. */
export function servedOverHttps(url = publicUrl()): boolean {
  return url.startsWith("https:");
}

/**
 * Over https the cookie takes the `__Host-` prefix: browsers then accept it only with Secure, Path=/ and no
 * Domain, so no sibling host or plain-http page can plant or overwrite a session.
 */
export function sessionCookieName(url = publicUrl()): string {
  return servedOverHttps(url) ? "__Host-tls_console_session" : "tls_console_session";
}

export const SESSION_COOKIE = sessionCookieName();
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** SESSION_IDLE_MINUTES: a session unused this long ends, whatever its absolute expiry (default 30). */
export function sessionIdleMs(env: Record<string, string | undefined> = process.env): number {
  const raw = env.SESSION_IDLE_MINUTES?.trim();
  if (!raw) return 30 * 60_000;
  const minutes = Number(raw);
  if (!Number.isInteger(minutes) || minutes < 1) {
    throw new Error(`SESSION_IDLE_MINUTES must be a whole number of minutes (1 or more), not "${raw}"`);
  }
  return minutes * 60_000;
}

/** PROBE_TIMEOUT_MS: the hard deadline of one connection test, DNS to verdict (default 10 s; 1–60 s). */
export function probeTimeoutMs(env: Record<string, string | undefined> = process.env): number {
  const raw = env.PROBE_TIMEOUT_MS?.trim();
  if (!raw) return 10_000;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 1_000 || ms > 60_000) {
    throw new ConfigError(`PROBE_TIMEOUT_MS must be a whole number of milliseconds from 1000 to 60000, not "${raw}"`);
  }
  return ms;
}

/** A setting the server cannot start with; instrumentation.ts prints the message and stops the instance. */
export class ConfigError extends Error {
  name = "ConfigError";
}

/**
 * OUTBOUND_ALLOW / OUTBOUND_DENY: comma-separated CIDR blocks trusted or closed for connections to user-entered
 * destinations (ADR 020). A typo must not silently widen or narrow what the console reaches, so it stops the start.
 */
export function outboundNetworks(env: Record<string, string | undefined> = process.env): {
  allow: Cidr[];
  deny: Cidr[];
} {
  try {
    return {
      allow: parseCidrList(env.OUTBOUND_ALLOW, "OUTBOUND_ALLOW"),
      deny: parseCidrList(env.OUTBOUND_DENY, "OUTBOUND_DENY"),
    };
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
}

/** PROBE_CONCURRENCY: connection tests and checks one organization may run at once, across every instance (default 3). */
export function probeConcurrency(env: Record<string, string | undefined> = process.env): number {
  const raw = env.PROBE_CONCURRENCY?.trim();
  if (!raw) return 3;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 100)
    throw new ConfigError(`PROBE_CONCURRENCY must be a whole number from 1 to 100, not "${raw}"`);
  return n;
}
