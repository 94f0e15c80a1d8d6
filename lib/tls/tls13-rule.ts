import { TLS13_CIPHERS, sortCiphers, type CipherName, CIPHER_BY_NAME } from "./ciphers";
import type { TlsProtocol } from "./protocols";

/**
 * API Connect's documented TLS 1.3 rule: with TLS 1.3 selected and no TLS 1.3 cipher chosen, every TLS 1.3
 * cipher is added; without TLS 1.3, chosen TLS 1.3 ciphers are dropped. Without the first half a 1.3
 * handshake has no suite to agree on. The form previews this and the data layer stores its result.
 */
export function effectiveCiphers(protocols: readonly TlsProtocol[], ciphers: readonly CipherName[]): CipherName[] {
  const has13 = protocols.includes("tls_v1.3");
  const chosen13 = ciphers.some((c) => CIPHER_BY_NAME.get(c)?.family === "tls13");
  if (has13 && !chosen13) return sortCiphers([...ciphers, ...TLS13_CIPHERS]);
  if (!has13) return sortCiphers(ciphers.filter((c) => CIPHER_BY_NAME.get(c)?.family !== "tls13"));
  return sortCiphers(ciphers);
}

/** True when TLS 1.0–1.2 is enabled but no suite usable by those versions remains. */
export function lacksPre13Cipher(protocols: readonly TlsProtocol[], ciphers: readonly CipherName[]): boolean {
  const hasPre13 = protocols.some((p) => p !== "tls_v1.3");
  return hasPre13 && !ciphers.some((c) => CIPHER_BY_NAME.get(c)?.family === "tls12");
}
