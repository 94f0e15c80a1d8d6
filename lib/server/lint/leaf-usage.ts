import "server-only";
import { X509Certificate } from "node:crypto";

/**
 * A stored certificate's extended key usage, read from its PEM: the Certificate rows do not hold it as a column
 * (ADR 025). Only the extension is read (Node's X509Certificate, as at upload: `keyUsage` is what Node calls the
 * extended key usage), not the whole description an upload needs, and results are kept by fingerprint (a
 * certificate never changes) in a bounded map, large enough for every keystore of a big installation: the
 * compliance view asks for each keystore's leaf on every preview, and should not parse them again.
 */
const cache = new Map<string, string[] | null>();
const CACHE_LIMIT = 20_000;

/** The usage of a certificate this process has already read, or undefined: its PEM need not be loaded. */
export const knownExtendedKeyUsage = (sha256: string): string[] | null | undefined => cache.get(sha256);

export function extendedKeyUsageOf(certificate: { sha256: string; pem: string }): string[] | null {
  const hit = cache.get(certificate.sha256);
  if (hit !== undefined) return hit;
  const usage = new X509Certificate(certificate.pem).keyUsage ?? null;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(certificate.sha256, usage);
  return usage;
}
