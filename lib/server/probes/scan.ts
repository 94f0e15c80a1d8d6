import "server-only";
import { ask, type Pacing, protocolFor, protocolsSpoken } from "@/lib/server/probes/follow-ups";
import { SUITE_CODE, suiteName, WIRE_VERSION } from "@/lib/server/probes/hello";
import type { Dial } from "@/lib/server/probes/probe";
import { CIPHER_BY_NAME, CIPHERS, type CipherName, isWeak } from "@/lib/tls/ciphers";
import type { ScanDto } from "@/lib/tls/connection-test";
import { PROTOCOL_LABELS, sortProtocols, TLS_PROTOCOLS, type TlsProtocol } from "@/lib/tls/protocols";

/** A whole scan stays under this, whatever the probe's own deadline. */
export const SCAN_TIMEOUT_MS = 30_000;
/** Pause between the scan's hellos: about 45 connections spread over a second or more, not a burst. */
export const SCAN_PAUSE_MS = 25;

/**
 * "Scan server": each protocol offered alone, then each of the 40 catalogue suites offered alone on a protocol the
 * server speaks, read from the ServerHello (no full handshake). The result is a matrix against the profile.
 */
export async function scanServer(
  dial: Dial,
  profile: { protocols: TlsProtocol[]; ciphers: CipherName[] },
  serverName: string | undefined,
  pacing: Pacing,
): Promise<ScanDto> {
  const started = performance.now();
  const { spoken, timedOut: protocolsTimedOut } = await protocolsSpoken(dial, serverName, pacing);
  let timedOut = protocolsTimedOut;
  const accepted = new Set<CipherName>();
  for (const cipher of CIPHERS) {
    const protocol = protocolFor(cipher.name, spoken);
    if (!protocol) continue;
    const answer = await ask(dial, { protocol, suites: [SUITE_CODE.get(cipher.name)!], serverName }, pacing);
    if (answer.kind === "timeout") timedOut = true;
    if (
      answer.kind === "hello" &&
      answer.version === WIRE_VERSION[protocol] &&
      suiteName(answer.cipherSuite) === cipher.name
    )
      accepted.add(cipher.name);
  }
  const matrix = {
    protocols: TLS_PROTOCOLS.map((protocol) => ({
      protocol,
      server_accepts: spoken.includes(protocol),
      profile_allows: profile.protocols.includes(protocol),
    })),
    ciphers: CIPHERS.map((c) => ({
      name: c.name,
      iana: c.iana,
      server_accepts: accepted.has(c.name),
      profile_selects: profile.ciphers.includes(c.name),
    })),
  };
  return {
    ...matrix,
    suggestion: suggestion(spoken, [...accepted], profile),
    duration_ms: Math.round(performance.now() - started),
    ...(timedOut ? { timed_out: true } : {}),
  };
}

const list = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;

/** What would make profile and server meet, preferring the strongest option; null when they already meet. */
export function suggestion(
  spoken: TlsProtocol[],
  accepted: CipherName[],
  profile: { protocols: TlsProtocol[]; ciphers: CipherName[] },
): string | null {
  if (spoken.length === 0) return "The server accepted none of the protocols offered: check that the port speaks TLS.";
  const common = spoken.filter((p) => profile.protocols.includes(p));
  if (common.length === 0) {
    const best = sortProtocols(spoken).at(-1)!;
    return `Allow ${PROTOCOL_LABELS[best]} in the profile: the server speaks ${sortProtocols(spoken)
      .map((p) => PROTOCOL_LABELS[p])
      .join(", ")}, the profile none of them.`;
  }
  const usable = accepted.filter((c) => protocolFor(c, common) !== undefined);
  if (usable.some((c) => profile.ciphers.includes(c))) return null;
  if (usable.length === 0) {
    return `On ${common.map((p) => PROTOCOL_LABELS[p]).join(", ")} the server accepted none of the catalogue's suites.`;
  }
  const strong = usable.filter((c) => !isWeak(c));
  const picks = (strong.length ? strong : usable).slice(0, 3);
  return `Select ${list(picks.map((c) => `${c} (${CIPHER_BY_NAME.get(c)!.iana})`))} in the profile: the server accepts ${
    strong.length ? "" : "only weak suites, such as "
  }these on ${common.map((p) => PROTOCOL_LABELS[p]).join(", ")}.`;
}
