/**
 * Strict reading of IP addresses and CIDR blocks as operators write them in OUTBOUND_ALLOW / OUTBOUND_DENY. Pure:
 * matching is left to Node's `net.BlockList`; this file only turns text into a canonical block or says, in plain
 * words, what is wrong with it, so a typo stops the server at start instead of silently allowing or denying.
 */
type IpFamily = 4 | 6;

export interface Cidr {
  family: IpFamily;
  /** Canonical text (dotted quad, or eight full hexadecimal groups) that `net.BlockList` reads unambiguously. */
  address: string;
  prefix: number;
}

const OCTET = /^(0|[1-9]\d{0,2})$/;
const GROUP = /^[0-9a-f]{1,4}$/i;

function ipv4Bytes(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p))) return null;
  const bytes = parts.map(Number);
  return bytes.every((b) => b <= 255) ? bytes : null;
}

function groupsToBytes(groups: string[]): number[] | null {
  if (!groups.every((g) => GROUP.test(g))) return null;
  return groups.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
}

function ipv6Bytes(text: string): number[] | null {
  // An IPv4 tail (::ffff:192.0.2.1) stands for the last two groups.
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(":");
  if (text.slice(lastColon + 1).includes(".")) {
    const v4 = ipv4Bytes(text.slice(lastColon + 1));
    if (!v4) return null;
    tail = v4;
    text = text.slice(0, lastColon + 1);
    if (!text.endsWith("::")) text = text.slice(0, -1);
  }
  const wanted = 16 - tail.length;
  const halves = text.split("::");
  const groups = (s: string) => (s === "" ? [] : s.split(":"));
  if (halves.length === 1) {
    const all = groupsToBytes(groups(text));
    return all && all.length === wanted ? [...all, ...tail] : null;
  }
  if (halves.length > 2) return null;
  const head = groupsToBytes(groups(halves[0]));
  const rest = groupsToBytes(groups(halves[1]));
  // "::" stands for at least one group of zeros.
  if (!head || !rest || head.length + rest.length > wanted - 2) return null;
  return [...head, ...new Array<number>(wanted - head.length - rest.length).fill(0), ...rest, ...tail];
}

/** The address's bytes (4 or 16), or null when the text is not exactly one IPv4 or IPv6 address (no zone, no port). */
export function ipBytes(text: string): number[] | null {
  return text.includes(":") ? ipv6Bytes(text) : ipv4Bytes(text);
}

function canonical(bytes: number[]): string {
  if (bytes.length === 4) return bytes.join(".");
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  return groups.join(":");
}

function hostBitsSet(bytes: number[], prefix: number): boolean {
  return bytes.some((b, i) => {
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    return (b & (0xff >> keep)) !== 0;
  });
}

function masked(bytes: number[], prefix: number): number[] {
  return bytes.map((b, i) => b & (0xff << (8 - Math.max(0, Math.min(8, prefix - i * 8)))) & 0xff);
}

/** One block: `10.0.0.0/8`, `fc00::/7`, or a single address (`/32`, `/128` implied). Throws a plain-words Error. */
export function parseCidr(entry: string): Cidr {
  const [addressText, prefixText, extra] = entry.split("/");
  const bytes = ipBytes(addressText);
  if (!bytes || extra !== undefined) {
    throw new Error(`"${entry}" is not an IP address or CIDR block (write 10.0.0.0/8, 192.0.2.7 or fd00::/8)`);
  }
  const family: IpFamily = bytes.length === 4 ? 4 : 6;
  const max = bytes.length * 8;
  if (prefixText !== undefined && !/^(0|[1-9]\d{0,2})$/.test(prefixText)) {
    throw new Error(`"${entry}": the prefix length after "/" must be a whole number from 0 to ${max}`);
  }
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) throw new Error(`"${entry}": an IPv${family} prefix length is at most ${max}`);
  if (hostBitsSet(bytes, prefix)) {
    throw new Error(
      `"${entry}" has bits set after its /${prefix} prefix; did you mean ${shortText(masked(bytes, prefix))}/${prefix}?`,
    );
  }
  return { family, address: canonical(bytes), prefix };
}

/** RFC 5952 text (longest run of zero groups as "::"), for messages. */
function shortText(bytes: number[]): string {
  if (bytes.length === 4) return bytes.join(".");
  const groups = canonical(bytes).split(":");
  let best = { at: -1, length: 1 };
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > best.length) best = { at: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  if (best.at < 0) return groups.join(":");
  return `${groups.slice(0, best.at).join(":")}::${groups.slice(best.at + best.length).join(":")}`;
}

/** A comma-separated list (blanks ignored). `name` is the variable the operator set, quoted in the message. */
export function parseCidrList(raw: string | undefined, name: string): Cidr[] {
  const entries = (raw ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  return entries.map((entry) => {
    try {
      return parseCidr(entry);
    } catch (e) {
      throw new Error(`${name}: ${(e as Error).message}`);
    }
  });
}
