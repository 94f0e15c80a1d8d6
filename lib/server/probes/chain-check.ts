import "server-only";
import { isIP } from "node:net";
import { rootCertificates } from "node:tls";
import { X509Certificate } from "node:crypto";
import { isSelfSigned as selfSigned, issued } from "@/lib/crypto/certificate";
import type { ChainProblem } from "@/lib/tls/connection-test";
import { commonName, daysLeft } from "@/lib/tls/expiry";

/** The verdict on the chain a server sent, judged on its own terms (order, links, dates, name, anchors). */
export interface ChainVerdict {
  problems: ChainProblem[];
  /** The issuer the chain needs but the server did not send (an intermediate). */
  missingIssuer?: string;
  /** The certificate authority the truststore lacks. */
  untrustedIssuer?: string;
  /** That "authority" is the server's own self-signed certificate, not a CA. */
  untrustedSelfSigned?: boolean;
  /** The DNS names and addresses the leaf is valid for. */
  sans: string[];
  expired?: { name: string; days: number; position: number };
  notYetValid?: { name: string; days: number; position: number };
}

interface ChainInput {
  /** DER, in the order the server sent them (or rebuilt by OpenSSL when `orderKnown` is false). */
  certificates: Buffer[];
  orderKnown: boolean;
  /** The name the client verifies: server_name, else host. */
  name: string;
  /** The trust anchors (`trustAnchors`). */
  anchors: X509Certificate[];
  now: Date;
}

/**
 * At most this many certificates of what a server sent are judged and reported. Real chains hold a leaf and a few
 * intermediates; a hostile server can send hundreds that all name one another, and finding the path among them costs
 * a signature check per pair — tens of seconds of the event loop — while each one also swells the kept result.
 */
export const MAX_CHAIN_CERTIFICATES = 10;

let bundledRoots: Promise<X509Certificate[]> | undefined;

/**
 * The profile's truststore, or Node's bundled roots when it has none (as the handshake itself uses). Parsing the
 * ~140 bundled roots takes about 100 ms of CPU: done once per process, in slices, so the event loop keeps turning.
 */
export function trustAnchors(caPems: string[] | undefined): Promise<X509Certificate[]> {
  if (caPems) return Promise.resolve(caPems.flatMap((pem) => parseOr(pem)));
  bundledRoots ??= (async () => {
    const parsed: X509Certificate[] = [];
    for (let i = 0; i < rootCertificates.length; i += 8) {
      parsed.push(...rootCertificates.slice(i, i + 8).flatMap((pem) => parseOr(pem)));
      await new Promise((resolve) => setImmediate(resolve));
    }
    return parsed;
  })();
  return bundledRoots;
}

function parseOr(input: string | Buffer): X509Certificate[] {
  try {
    return [new X509Certificate(input)];
  } catch {
    return [];
  }
}

const cn = (x: X509Certificate) => commonName(x.subject.split("\n").join(", "));
const issuerCn = (x: X509Certificate) => commonName(x.issuer.split("\n").join(", "));

/** The names a certificate is valid for, as "DNS:…" / "IP Address:…" entries. */
function sansOf(x: X509Certificate): string[] {
  return (x.subjectAltName ?? "").split(", ").filter(Boolean);
}

/** Whether the leaf is valid for the name, by the same rule as the handshake (SANs; CN only without any). */
function matchesName(x: X509Certificate, name: string): boolean {
  return Boolean(isIP(name) ? x.checkIP(name) : x.checkHost(name));
}

/** The path the server's certificates form from the leaf upwards, by signature, whatever order they came in. */
function pathFromLeaf(certs: X509Certificate[]): number[] {
  const path = [0];
  for (;;) {
    const current = certs[path[path.length - 1]];
    if (selfSigned(current)) return path;
    const next = certs.findIndex((c, k) => !path.includes(k) && issued(c, current));
    if (next < 0) return path;
    path.push(next);
  }
}

function dates(certs: X509Certificate[], now: Date, verdict: ChainVerdict) {
  certs.forEach((x, position) => {
    const notAfter = new Date(x.validTo);
    const notBefore = new Date(x.validFrom);
    if (notAfter.getTime() <= now.getTime()) {
      // Whole days since: daysLeft with the dates swapped (seconds-precision certificate dates must not add a day).
      const days = daysLeft(now, notAfter);
      verdict.expired ??= { name: cn(x), days, position };
      verdict.problems.push({
        code: "expired",
        position,
        message: `'${cn(x)}' expired on ${notAfter.toISOString().slice(0, 10)} (${days} days ago).`,
      });
    } else if (notBefore.getTime() > now.getTime()) {
      const days = -daysLeft(now, notBefore);
      verdict.notYetValid ??= { name: cn(x), days, position };
      verdict.problems.push({
        code: "not_yet_valid",
        position,
        message: `'${cn(x)}' is valid only from ${notBefore.toISOString().slice(0, 10)} (in ${days} days).`,
      });
    }
  });
}

export function judgeChain(input: ChainInput): ChainVerdict {
  const certs = input.certificates.slice(0, MAX_CHAIN_CERTIFICATES).flatMap((der) => parseOr(der));
  const verdict: ChainVerdict = { problems: [], sans: certs[0] ? sansOf(certs[0]) : [] };
  if (certs.length === 0) return verdict;
  if (input.certificates.length > MAX_CHAIN_CERTIFICATES) {
    verdict.problems.push({
      code: "too_many_certificates",
      message: `The server sent ${input.certificates.length} certificates; only the first ${MAX_CHAIN_CERTIFICATES} were examined. A chain is the server's certificate and its intermediates: the server can stop sending the rest.`,
    });
  }
  const leaf = certs[0];
  const path = pathFromLeaf(certs);
  const offPath = certs.map((_, k) => k).filter((k) => !path.includes(k));

  if (input.orderKnown) {
    const misplaced = path.findIndex((position, i) => position !== i);
    if (misplaced > 0) {
      const p = path[misplaced];
      verdict.problems.push({
        code: "wrong_order",
        position: p,
        message: `The chain is out of order: '${cn(certs[p])}' issued '${cn(certs[path[misplaced - 1]])}' and belongs at position ${misplaced}, but was sent at position ${p}.`,
      });
    }
  }

  const top = certs[path[path.length - 1]];
  const anchors = input.anchors;
  // A self-signed top counts when the truststore holds it (or the same name and key); others when an anchor issued it.
  const anchored = anchors.some((a) => a.fingerprint256 === top.fingerprint256 || issued(a, top));
  const gap = !selfSigned(top) && (!top.ca || offPath.some((k) => certs[k].ca));
  if (!anchored && gap) {
    verdict.missingIssuer = issuerCn(top);
    verdict.problems.push({
      code: "missing_intermediate",
      position: path[path.length - 1],
      message: `'${issuerCn(top)}', which issued '${cn(top)}', was not sent: the chain stops short of a trusted root.`,
    });
  } else if (!anchored) {
    verdict.untrustedIssuer = selfSigned(top) ? cn(top) : issuerCn(top);
    if (selfSigned(top) && !top.ca) verdict.untrustedSelfSigned = true;
    verdict.problems.push({
      code: "untrusted",
      position: path[path.length - 1],
      message: selfSigned(top)
        ? top.ca
          ? `'${cn(top)}' is a root the truststore does not hold.`
          : `'${cn(top)}' is a self-signed certificate the truststore does not hold.`
        : `The truststore lacks '${issuerCn(top)}', which issued '${cn(top)}'.`,
    });
  }
  if (input.orderKnown) {
    for (const k of offPath) {
      // A CA left over beside a missing intermediate is most likely that intermediate's own issuer: not unrelated.
      if (k === 0 || (gap && certs[k].ca)) continue;
      verdict.problems.push({
        code: "unrelated_certificate",
        position: k,
        message: `'${cn(certs[k])}' (position ${k}) does not belong to the chain of '${cn(leaf)}'; the server can stop sending it.`,
      });
    }
  }
  dates(certs, input.now, verdict);
  if (!matchesName(leaf, input.name)) {
    verdict.problems.push({
      code: "hostname_mismatch",
      position: 0,
      message: `'${cn(leaf)}' is not valid for ${input.name}; it names ${verdict.sans.length ? verdict.sans.map((s) => s.replace(/^DNS:/, "")).join(", ") : "no alternative names (only its common name)"}.`,
    });
  }
  return verdict;
}
