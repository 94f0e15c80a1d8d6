import { isIP } from "node:net";

// No "server-only" here: proxy.ts reads trustedProxies() too. Both functions are pure.

/**
 * TRUSTED_PROXIES: how many reverse proxies stand in front of the console (0 or unset = none, clients connect
 * directly). Only then is X-Forwarded-For believed, and only as far as those proxies wrote it.
 */
export function trustedProxies(env: Record<string, string | undefined> = process.env): number {
  const raw = env.TRUSTED_PROXIES?.trim();
  if (!raw) return 0;
  const hops = Number(raw);
  if (!Number.isInteger(hops) || hops < 0 || hops > 10) {
    throw new Error(`TRUSTED_PROXIES must be a whole number of proxy hops from 0 to 10, not "${raw}"`);
  }
  return hops;
}

/**
 * The client's address from the X-Forwarded-For the app receives (ADR 014). Only for pages and server actions:
 * proxy.ts does not run for /api (ADR 017), so there the header is whatever the client sent. With no trusted proxy, proxy.ts
 * drops any client-sent copy, so the header holds only what Next itself wrote: the socket's peer address.
 * With n trusted proxies, each appended the address it received from, so the client is the entry n places
 * from the right (the leftmost when fewer were written); entries further left are the client's own claims.
 */
export function clientIp(forwardedFor: string | null, hops: number): string {
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return "unknown";
  const entry = entries[Math.max(0, entries.length - Math.max(hops, 1))];
  const address = entry.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  return isIP(address) ? address.toLowerCase() : "unknown";
}
