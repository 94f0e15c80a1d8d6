import "server-only";
import { parseCertificate } from "@/lib/crypto/certificate";
import { readPem } from "@/lib/crypto/pem";

/**
 * A stored certificate's extended key usage, read from its PEM: the Certificate rows do not hold it as a column
 * (ADR 025). Parsing costs a fraction of a millisecond; a page of profiles often shares keystores, so results are
 * kept by fingerprint (a certificate never changes) in a small bounded map.
 */
const cache = new Map<string, string[] | null>();
const CACHE_LIMIT = 1000;

export function extendedKeyUsageOf(certificate: { sha256: string; pem: string }): string[] | null {
  const hit = cache.get(certificate.sha256);
  if (hit !== undefined) return hit;
  const [block] = readPem(Buffer.from(certificate.pem), "stored certificate");
  const usage = parseCertificate(block.der, "stored certificate").info.extendedKeyUsage;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(certificate.sha256, usage);
  return usage;
}
