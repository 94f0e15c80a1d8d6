import "server-only";
import { BlockList, isIP } from "node:net";
import type { Cidr } from "@/lib/net/cidr";
import { outboundNetworks } from "@/lib/server/platform/config";

/**
 * Which addresses the console may connect to on a user's behalf (ADR 020). Refused by default: the console's own
 * machine, the link (cloud metadata at 169.254.169.254), unspecified, multicast, broadcast and reserved space.
 * OUTBOUND_DENY adds blocks (for example the private ranges); OUTBOUND_ALLOW names trusted blocks, which win over
 * both and may be reached over plain http. BlockList also matches IPv4-mapped IPv6 (::ffff:127.0.0.1) against the
 * IPv4 blocks, so a mapped form cannot slip past.
 */
const DEFAULT_DENIED: readonly { what: string; blocks: readonly string[] }[] = [
  { what: "a loopback address (this machine)", blocks: ["127.0.0.0/8", "::1/128"] },
  { what: "a link-local address (cloud metadata lives there)", blocks: ["169.254.0.0/16", "fe80::/10"] },
  { what: "an unspecified address", blocks: ["0.0.0.0/8", "::/128"] },
  { what: "a multicast address", blocks: ["224.0.0.0/4", "ff00::/8"] },
  { what: "a broadcast or reserved address", blocks: ["240.0.0.0/4"] },
  // Deprecated IPv4-compatible IPv6 (::127.0.0.1): never a real destination.
  { what: "an IPv4-compatible IPv6 address", blocks: ["::/96"] },
];

interface AddressVerdict {
  /** Why the address is refused, in words that complete "… is …"; absent when it may be reached. */
  refused?: string;
  /** Covered by OUTBOUND_ALLOW: reachable even when denied, and plain http is accepted for webhooks. */
  trusted: boolean;
}

interface Rules {
  allow: BlockList;
  trustsSome: boolean;
  deny: { what: string; list: BlockList }[];
}

const familyName = (family: 4 | 6) => (family === 4 ? "ipv4" : "ipv6");

function blockList(cidrs: readonly Cidr[]): BlockList {
  const list = new BlockList();
  for (const c of cidrs) list.addSubnet(c.address, c.prefix, familyName(c.family));
  return list;
}

function defaultList(blocks: readonly string[]): BlockList {
  const list = new BlockList();
  for (const block of blocks) {
    const [address, prefix] = block.split("/");
    list.addSubnet(address, Number(prefix), address.includes(":") ? "ipv6" : "ipv4");
  }
  return list;
}

let cached: { key: string; rules: Rules } | undefined;

/** Rules for the current environment; rebuilt only when OUTBOUND_ALLOW / OUTBOUND_DENY change (tests stub them). */
function rules(env: Record<string, string | undefined>): Rules {
  const key = `${env.OUTBOUND_ALLOW ?? ""}\n${env.OUTBOUND_DENY ?? ""}`;
  if (cached?.key === key) return cached.rules;
  const { allow, deny } = outboundNetworks(env);
  const built: Rules = {
    allow: blockList(allow),
    trustsSome: allow.length > 0,
    deny: [
      ...DEFAULT_DENIED.map(({ what, blocks }) => ({ what, list: defaultList(blocks) })),
      { what: "an address in a network this server's operator has closed (OUTBOUND_DENY)", list: blockList(deny) },
    ],
  };
  cached = { key, rules: built };
  return built;
}

/** The verdict on one resolved address. Anything that is not an IP address is refused. */
export function judgeAddress(address: string, env: Record<string, string | undefined> = process.env): AddressVerdict {
  const family = isIP(address);
  if (family === 0) return { refused: "something other than an IP address", trusted: false };
  const type = familyName(family as 4 | 6);
  const { allow, deny } = rules(env);
  if (allow.check(address, type)) return { trusted: true };
  const hit = deny.find(({ list }) => list.check(address, type));
  return hit ? { refused: hit.what, trusted: false } : { trusted: false };
}

/** OUTBOUND_ALLOW names at least one block: a webhook name over http may resolve into it. */
export function hasTrustedNetworks(env: Record<string, string | undefined> = process.env): boolean {
  return rules(env).trustsSome;
}
