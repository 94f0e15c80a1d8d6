import "server-only";
import {
  type HelloAnswer,
  type HelloOffer,
  offerHello,
  SUITE_CODE,
  suiteName,
  WIRE_VERSION,
} from "@/lib/server/probes/hello";
import type { Dial } from "@/lib/server/probes/probe";
import { CIPHER_BY_NAME, CIPHERS, type CipherName } from "@/lib/tls/ciphers";
import { TLS_PROTOCOLS, type TlsProtocol } from "@/lib/tls/protocols";

/**
 * Quick single-question hellos on fresh connections, one after another with a pause between them, all under one
 * deadline: which protocols a server speaks, which suites it picks. The server sees a ClientHello and a hang-up.
 */
export interface Pacing {
  /** Pause after each hello, so a scan is not a burst (a gateway may rate-limit or alarm). */
  pauseMs: number;
  /** performance.now() after which no more hellos are sent. */
  deadline: number;
}

const HELLO_TIMEOUT_MS = 3_000;
// TLS 1.2 ChaCha20 suites are not in API Connect's catalogue, but a server may speak TLS 1.2 with them only.
const EXTRA_TLS12 = [0xcca8, 0xcca9, 0xccaa];

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function ask(dial: Dial, offer: HelloOffer, pacing: Pacing): Promise<HelloAnswer> {
  const left = pacing.deadline - performance.now();
  if (left <= 0) return { kind: "timeout" };
  let answer: HelloAnswer;
  try {
    const { socket } = await dial(Math.min(left, HELLO_TIMEOUT_MS));
    // The dial may have used most of the time left: the answer gets only what remains, so the deadline holds.
    const remaining = Math.max(0, pacing.deadline - performance.now());
    answer = await offerHello(socket, offer, Math.min(remaining, HELLO_TIMEOUT_MS));
  } catch {
    answer = { kind: "closed" };
  }
  if (pacing.pauseMs > 0) await pause(pacing.pauseMs);
  return answer;
}

const suitesFor = (protocol: TlsProtocol) =>
  CIPHERS.filter((c) => (protocol === "tls_v1.3") === (c.family === "tls13")).map((c) => c.name);

/** The protocols the server accepts when offered alone (every suite offered), newest first asked. */
export async function protocolsSpoken(dial: Dial, serverName: string | undefined, pacing: Pacing) {
  const spoken: TlsProtocol[] = [];
  let timedOut = false;
  for (const protocol of [...TLS_PROTOCOLS].reverse()) {
    const codes = suitesFor(protocol).map((c) => SUITE_CODE.get(c)!);
    const offer = { protocol, suites: protocol === "tls_v1.3" ? codes : [...codes, ...EXTRA_TLS12], serverName };
    const answer = await ask(dial, offer, pacing);
    if (answer.kind === "timeout") timedOut = true;
    if (answer.kind === "hello" && answer.version === WIRE_VERSION[protocol]) spoken.unshift(protocol);
  }
  return { spoken, timedOut };
}

/** The protocol a suite is best asked on: TLS 1.3 for its own suites, else the newest older one the server speaks. */
export function protocolFor(cipher: CipherName, spoken: TlsProtocol[]): TlsProtocol | undefined {
  if (CIPHER_BY_NAME.get(cipher)!.family === "tls13") return spoken.includes("tls_v1.3") ? "tls_v1.3" : undefined;
  return spoken.filter((p) => p !== "tls_v1.3").at(-1);
}

/**
 * Every catalogue suite the server accepts on the given protocols, found by offering all and taking away each one
 * it picks: n accepted suites cost n + 1 hellos per protocol family instead of one per catalogue suite.
 */
export async function suitesAccepted(
  dial: Dial,
  spoken: TlsProtocol[],
  serverName: string | undefined,
  pacing: Pacing,
): Promise<CipherName[]> {
  const accepted: CipherName[] = [];
  const families = new Map<TlsProtocol, CipherName[]>();
  for (const cipher of CIPHERS) {
    const protocol = protocolFor(cipher.name, spoken);
    if (protocol) families.set(protocol, [...(families.get(protocol) ?? []), cipher.name]);
  }
  for (const [protocol, candidates] of families) {
    const left = [...candidates];
    while (left.length > 0) {
      const answer = await ask(dial, { protocol, suites: left.map((c) => SUITE_CODE.get(c)!), serverName }, pacing);
      const picked = answer.kind === "hello" ? suiteName(answer.cipherSuite) : undefined;
      if (!picked || !left.includes(picked)) break;
      accepted.push(picked);
      left.splice(left.indexOf(picked), 1);
    }
  }
  return CIPHERS.map((c) => c.name).filter((c) => accepted.includes(c));
}
