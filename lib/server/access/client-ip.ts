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

/**
 * The network a sign-in limit counts against: an IPv4 address itself, an IPv6 address's /64. One subscriber is
 * usually given a whole /64, so counting single IPv6 addresses would let one client rotate past every limit.
 */
export function limitNetwork(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  const [head, tail = ""] = ip.toLowerCase().split("::");
  const groups = (part: string) => (part ? part.split(":") : []);
  const left = groups(head);
  const right = groups(tail);
  // An embedded dotted IPv4 tail takes two groups' room; it sits past the /64 and is dropped anyway.
  const width = (g: string[]) => g.reduce((n, x) => n + (x.includes(".") ? 2 : 1), 0);
  const full = ip.includes("::") ? [...left, ...Array(8 - width(left) - width(right)).fill("0"), ...right] : left;
  return `${full
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
