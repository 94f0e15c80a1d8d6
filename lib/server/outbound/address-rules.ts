import "server-only";
import { BlockList, isIP } from "node:net";
import { networkInterfaces } from "node:os";
import { type Cidr, ipBytes } from "@/lib/net/cidr";
import { outboundNetworks } from "@/lib/server/platform/config";

/**
 * Which addresses the console may connect to on a user's behalf (ADR 020). Refused by default: the console's own
 * machine (loopback and the addresses of its interfaces), the link (cloud metadata at 169.254.169.254), unspecified, multicast, broadcast and reserved space.
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
  // Instance metadata outside the link-local block, inside ranges otherwise reachable (private ranges are allowed):
  // AWS's over IPv6 in fc00::/7, Alibaba Cloud's in the shared range 100.64.0.0/10.
  { what: "a cloud metadata address", blocks: ["fd00:ec2::254/128", "100.100.100.200/32"] },
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

/**
 * IPv6 forms that a translator turns back into an IPv4 destination: NAT64's well-known prefix 64:ff9b::/96, its
 * local-use 64:ff9b:1::/48 (RFC 8215, read with the usual /96 layout), SIIT's IPv4-translated ::ffff:0:0/96 and 6to4
 * 2002::/16. Judged by the IPv4 address they carry too, so 64:ff9b::7f00:1 is as loopback as 127.0.0.1.
 */
function carriedIpv4(address: string): string | null {
  const b = ipBytes(address);
  if (!b || b.length !== 16) return null;
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  const nat64 = b[0] === 0 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b;
  const wellKnown = nat64 && zeros(4, 12);
  const localUse = nat64 && b[4] === 0 && b[5] === 1 && zeros(6, 12);
  const siit = zeros(0, 8) && b[8] === 0xff && b[9] === 0xff && zeros(10, 12);
  if (wellKnown || localUse || siit) return b.slice(12).join(".");
  if (b[0] === 0x20 && b[1] === 0x02) return b.slice(2, 6).join(".");
  return null;
}

const OWN_ADDRESSES_TTL_MS = 60_000;
let own: { at: number; list: BlockList } | undefined;

/**
 * The addresses of this machine's own interfaces (192.0.2.2 as well as 127.0.0.1): reached through them, a probe
 * would test the console itself and the services beside it, which loopback's block alone does not prevent. Read
 * again after a minute, since an interface may get a new address.
 */
function ownAddresses(now = Date.now()): BlockList {
  if (own && now - own.at < OWN_ADDRESSES_TTL_MS) return own.list;
  const list = new BlockList();
  for (const entries of Object.values(networkInterfaces()))
    for (const e of entries ?? []) list.addAddress(e.address.split("%")[0], e.family === "IPv4" ? "ipv4" : "ipv6");
  own = { at: now, list };
  return list;
}

/** The verdict on one resolved address. Anything that is not an IP address is refused. */
export function judgeAddress(address: string, env: Record<string, string | undefined> = process.env): AddressVerdict {
  const family = isIP(address);
  if (family === 0) return { refused: "something other than an IP address", trusted: false };
  const type = familyName(family as 4 | 6);
  const { allow, deny } = rules(env);
  if (allow.check(address, type)) return { trusted: true };
  const hit = deny.find(({ list }) => list.check(address, type));
  if (hit) return { refused: hit.what, trusted: false };
  if (ownAddresses().check(address, type))
    return { refused: "an address of this server's own machine", trusted: false };
  const carried = carriedIpv4(address);
  const inner = carried ? judgeAddress(carried, env) : undefined;
  if (inner?.refused) return { refused: `a translated form of ${carried}, ${inner.refused}`, trusted: false };
  return { trusted: false };
}

/** OUTBOUND_ALLOW names at least one block: a webhook name over http may resolve into it. */
export function hasTrustedNetworks(env: Record<string, string | undefined> = process.env): boolean {
  return rules(env).trustsSome;
}
