import { CIPHER_BY_NAME, CIPHER_WEAKNESSES, type CipherName, WEAKNESS_LABELS } from "../ciphers";
import { PROTOCOL_LABELS, type TlsProtocol } from "../protocols";
import { effectiveCiphers } from "../tls13-rule";
import { type Finding, listed } from "./finding";

/** TLS 1.3 suites always use ephemeral key exchange; older ones only with ECDHE or DHE. */
const forwardSecret = (c: CipherName) =>
  CIPHER_BY_NAME.get(c)?.family === "tls13" || c.startsWith("ECDHE_") || c.startsWith("DHE_");

/** Authenticated encryption: GCM, CCM or ChaCha20-Poly1305, never MAC-then-encrypt CBC. */
const aead = (c: CipherName) => /_GCM_|_CCM|CHACHA20_POLY1305/.test(c);

/** Up to this many weak suites are named with their weaknesses; more are counted per weakness. */
const NAMED_WEAK_SUITES = 4;

/** "RSA_WITH_AES_128_CBC_SHA (CBC with SHA-1 MAC; …)" for a few; "5 with 3DES (…), 10 with CBC with SHA-1 MAC" for many. */
function describeWeak(weak: readonly CipherName[]): string {
  const flags = (c: CipherName) => CIPHER_BY_NAME.get(c)!.weaknesses;
  if (weak.length <= NAMED_WEAK_SUITES)
    return listed(
      weak.map(
        (c) =>
          `${c} (${flags(c)
            .map((w) => WEAKNESS_LABELS[w])
            .join("; ")})`,
      ),
    );
  const perFlag = CIPHER_WEAKNESSES.map((w) => [w, weak.filter((c) => flags(c).includes(w)).length] as const);
  const counted = perFlag.filter(([, n]) => n > 0).map(([w, n]) => `${n} with ${WEAKNESS_LABELS[w]}`);
  return `${listed(counted)}; each is tagged "Weak" in the cipher list`;
}

function weakSuites(ciphers: readonly CipherName[]): Finding[] {
  const weak = ciphers.filter((c) => (CIPHER_BY_NAME.get(c)?.weaknesses.length ?? 0) > 0);
  if (weak.length === 0) return [];
  const has3des = weak.some((c) => CIPHER_BY_NAME.get(c)!.weaknesses.includes("3des"));
  return [
    {
      code: "cipher.weak_selected",
      // 3DES is practically attackable (Sweet32); the other flags weaken rather than break a connection.
      severity: has3des ? "critical" : "warning",
      message: `${weak.length} weak suite${weak.length > 1 ? "s" : ""} selected: ${describeWeak(weak)}.`,
      fix: 'Clear them ("Strong only" in the cipher list), or apply the Mozilla intermediate 6.0 preset.',
    },
  ];
}

function noForwardSecrecy(ciphers: readonly CipherName[]): Finding[] {
  if (ciphers.length === 0 || ciphers.some(forwardSecret)) return [];
  return [
    {
      code: "cipher.no_forward_secrecy",
      severity: "critical",
      message: `No forward-secret suite is selected (only ${listed([...ciphers])}): a stolen private key decrypts every recorded session.`,
      fix: "Select ECDHE suites (e.g. ECDHE_RSA_WITH_AES_128_GCM_SHA256), or enable TLS 1.3.",
    },
  ];
}

function noAeadForTls12(protocols: readonly TlsProtocol[], ciphers: readonly CipherName[]): Finding[] {
  if (!protocols.includes("tls_v1.2")) return [];
  const tls12 = ciphers.filter((c) => CIPHER_BY_NAME.get(c)?.family === "tls12");
  if (tls12.length === 0 || tls12.some(aead)) return [];
  return [
    {
      code: "cipher.tls12_no_aead",
      severity: "warning",
      message: `${PROTOCOL_LABELS["tls_v1.2"]} is enabled but none of its suites is AEAD: every ${PROTOCOL_LABELS["tls_v1.2"]} connection uses CBC.`,
      fix: "Select an AES-GCM suite such as ECDHE_RSA_WITH_AES_256_GCM_SHA384.",
    },
  ];
}

/** Cipher findings on what will be stored: the selection after the TLS 1.3 rule. */
export function lintCiphers(protocols: readonly TlsProtocol[], selected: readonly CipherName[]): Finding[] {
  const ciphers = effectiveCiphers(protocols, selected);
  return [...weakSuites(ciphers), ...noForwardSecrecy(ciphers), ...noAeadForTls12(protocols, ciphers)];
}
