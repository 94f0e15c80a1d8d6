import "server-only";
import { lookup as systemDns } from "node:dns/promises";
import { isIP } from "node:net";
import { domainToASCII } from "node:url";
import { hasTrustedNetworks, judgeAddress } from "@/lib/server/outbound/address-rules";

/**
 * The one gate for destinations users enter (ADR 020): a URL is checked before it is stored, and a host is resolved
 * once and pinned, so the connection goes to exactly the address that was checked.
 */
export type OutboundPurpose = "webhook" | "probe";

type RefusalCode =
  | "BAD_URL"
  | "HTTPS_REQUIRED"
  | "DENIED_ADDRESS"
  | "DENIED_PORT"
  | "DNS_FAILED"
  | "TIMEOUT"
  | "REDIRECT"
  | "TOO_LARGE"
  | "CONNECTION_FAILED";

/** Refusals are typed: code for tests/metrics, message in plain words for the field that holds the URL/host. */
export class OutboundRefused extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "OutboundRefused";
  }
}

/** How a name becomes addresses. The system resolver by default; tests pass their own and ask no real DNS. */
export type Lookup = (host: string) => Promise<readonly { address: string; family: number }[]>;

const systemLookup: Lookup = (host) => systemDns(host, { all: true, verbatim: true });

interface ResolveOptions {
  lookup?: Lookup;
  /** Stop waiting for the resolver after this long (default 5 s): TIMEOUT. */
  timeoutMs?: number;
  /** The caller's overall deadline: when it fires, waiting stops with TIMEOUT. */
  signal?: AbortSignal;
}

const DNS_TIMEOUT_MS = 5_000;
const MAX_URL_LENGTH = 2048;
const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;
const DOER: Record<OutboundPurpose, string> = {
  webhook: "webhooks are not sent there",
  probe: "probes do not go there",
};

/** `[::1]` → `::1`, names lower-cased to their ASCII (punycode) form without a final dot; null when not a host. */
export function hostName(raw: string): string | null {
  const bare = raw.startsWith("[") && raw.endsWith("]") ? raw.slice(1, -1) : raw;
  if (isIP(bare)) return bare;
  // domainToASCII would quietly cut "evil.test/path" or "a?b" down to a host; only name characters go in.
  if (!/^[\p{L}\p{M}\p{N}._-]+$/u.test(bare)) return null;
  const ascii = domainToASCII(bare.toLowerCase()).replace(/\.$/, "");
  if (!ascii || ascii.length > 253 || !ascii.split(".").every((label) => LABEL.test(label))) return null;
  return ascii;
}

const bad = (message: string) => new OutboundRefused("BAD_URL", message);

/** Validates a user-entered webhook URL before it is stored (syntax, scheme, no credentials in it, port range). */
export function checkWebhookUrl(raw: string): URL {
  const text = raw.trim();
  if (!text) throw bad("Enter the webhook's URL, such as https://hooks.example.com/tls-expiry.");
  if (text.length > MAX_URL_LENGTH) throw bad(`A webhook URL is at most ${MAX_URL_LENGTH} characters.`);
  // The URL parser silently drops tabs and newlines; refuse them so what is stored is what was seen.
  if (/[\s\u0000-\u001f\u007f]/.test(text)) throw bad("A webhook URL cannot contain spaces or control characters.");
  if (!URL.canParse(text)) throw bad("Enter a full URL, such as https://hooks.example.com/tls-expiry.");
  const url = new URL(text);
  if (url.protocol !== "https:" && url.protocol !== "http:") throw bad("A webhook URL starts with https://.");
  if (url.username || url.password) {
    throw bad("Leave the user name and password out of the URL; the webhook's secret signs each delivery.");
  }
  if (url.port === "0") throw bad("The port must be between 1 and 65535.");
  const host = hostName(url.hostname);
  if (!host) throw bad(`"${url.hostname}" is not a host name.`);
  // Literal addresses and localhost are judged now; names are judged on their resolved address at delivery.
  const literal = isIP(host) ? [host] : host === "localhost" || host.endsWith(".localhost") ? ["127.0.0.1", "::1"] : [];
  const verdicts = literal.map((address) => judgeAddress(address));
  const refused = verdicts.find((v) => v.refused);
  if (refused) throw new OutboundRefused("DENIED_ADDRESS", `${host} is ${refused.refused}; ${DOER.webhook}.`);
  const trusted = literal.length > 0 && verdicts.every((v) => v.trusted);
  // A name over http may still resolve into OUTBOUND_ALLOW's networks; without any, it never can.
  if (url.protocol === "http:" && !trusted && (literal.length > 0 || !hasTrustedNetworks())) {
    throw new OutboundRefused("HTTPS_REQUIRED", "Webhooks are sent over https only: start the URL with https://.");
  }
  return url;
}

function abortable<T>(work: Promise<T>, signal: AbortSignal, onAbort: () => Error): Promise<T> {
  if (signal.aborted) return Promise.reject(onAbort());
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(onAbort());
    signal.addEventListener("abort", abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", abort));
  });
}

async function addressesOf(host: string, options: ResolveOptions) {
  if (isIP(host)) return [{ address: host, family: isIP(host) }];
  const timeoutMs = options.timeoutMs ?? DNS_TIMEOUT_MS;
  const signal = options.signal
    ? AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)])
    : AbortSignal.timeout(timeoutMs);
  try {
    // getaddrinfo cannot be cancelled; the deadline only stops us waiting for it.
    return await abortable(
      (options.lookup ?? systemLookup)(host),
      signal,
      () => new OutboundRefused("TIMEOUT", `${host} could not be resolved in time.`),
    );
  } catch (e) {
    if (e instanceof OutboundRefused) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOTFOUND" || code === "ENODATA"
        ? "has no DNS record"
        : `could not be resolved (${code ?? "DNS error"})`;
    throw new OutboundRefused("DNS_FAILED", `${host} ${why}.`, { cause: e });
  }
}

/**
 * Resolves the host ONCE, checks every address against the deny/allow lists, returns the pinned address. A name
 * with any refused address is refused (a mixed answer is a rebinding attempt or a misconfiguration). IPv4 is
 * preferred when both families answer: more networks route it.
 */
export async function resolvePinned(
  host: string,
  purpose: OutboundPurpose,
  options: ResolveOptions = {},
): Promise<{ address: string; family: 4 | 6; trusted: boolean }> {
  const name = hostName(host);
  if (!name) throw bad(`"${host}" is not a host name or IP address.`);
  const answers = await addressesOf(name, options);
  if (answers.length === 0) throw new OutboundRefused("DNS_FAILED", `${name} has no address.`);
  const judged = answers.map(({ address }) => ({ address, family: isIP(address), ...judgeAddress(address) }));
  const refused = judged.find((a) => a.refused);
  if (refused) {
    const subject = isIP(name) ? `${name} is` : `${name} resolves to`;
    throw new OutboundRefused("DENIED_ADDRESS", `${subject} ${refused.refused}; ${DOER[purpose]}.`);
  }
  const pinned = judged.find((a) => a.family === 4) ?? judged[0];
  return { address: pinned.address, family: pinned.family as 4 | 6, trusted: pinned.trusted };
}
