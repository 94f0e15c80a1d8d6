import { X509Certificate } from "node:crypto";
import { oidOf, parseDer, seqOf } from "./der";
import { ImportError, unparseable } from "./import-error";
import { SIGNATURE_ALGORITHMS } from "./oids";
import { toPem } from "./pem";

/** The public facts about one certificate: safe to store in clear, send to browsers and index. */
export interface CertificateInfo {
  subject: string;
  issuer: string;
  serialNumber: string;
  subjectAltNames: string[];
  keyType: string;
  keyBits: number;
  signatureAlgorithm: string;
  notBefore: string;
  notAfter: string;
  sha256: string;
  isCA: boolean;
  selfSigned: boolean;
  /** Extended key usage OIDs; null when the extension is absent, which allows every purpose. */
  extendedKeyUsage: string[] | null;
  pem: string;
}

export interface ParsedCertificate {
  x509: X509Certificate;
  info: CertificateInfo;
}

const CURVE_BITS: Record<string, number> = { prime256v1: 256, secp384r1: 384, secp521r1: 521 };

function signatureAlgorithmOf(der: Buffer, part: string): string {
  // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm AlgorithmIdentifier, signature }
  const [, algorithm] = seqOf(parseDer(der, part), part, 3);
  const id = oidOf(seqOf(algorithm, part, 1)[0], part);
  return SIGNATURE_ALGORITHMS[id] ?? id;
}

const oneLine = (dn: string) => dn.split("\n").filter(Boolean).join(", ");

function isoDate(text: string, part: string): string {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw unparseable(part, "has an unreadable validity date");
  return new Date(ms).toISOString();
}

export function parseCertificate(der: Buffer, part: string): ParsedCertificate {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(der);
  } catch {
    throw unparseable(part, "is not an X.509 certificate");
  }
  try {
    return describe(x509, part);
  } catch (e) {
    // OpenSSL accepts some damaged certificates that its accessors then fail on.
    if (e instanceof ImportError) throw e;
    throw unparseable(part, "is a damaged X.509 certificate");
  }
}

function describe(x509: X509Certificate, part: string): ParsedCertificate {
  const signatureAlgorithm = signatureAlgorithmOf(x509.raw, part);
  const key = x509.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  const keyType = key.asymmetricKeyType === "ed25519" ? "Ed25519" : (key.asymmetricKeyType ?? "unknown").toUpperCase();
  const keyBits = details.modulusLength ?? CURVE_BITS[details.namedCurve ?? ""] ?? (keyType === "Ed25519" ? 256 : 0);
  const subject = oneLine(x509.subject);
  const issuer = oneLine(x509.issuer);
  return {
    x509,
    info: {
      subject,
      issuer,
      serialNumber: x509.serialNumber.toUpperCase(),
      subjectAltNames: (x509.subjectAltName ?? "").split(", ").filter(Boolean),
      keyType,
      keyBits,
      signatureAlgorithm,
      notBefore: isoDate(x509.validFrom, part),
      notAfter: isoDate(x509.validTo, part),
      sha256: x509.fingerprint256,
      isCA: x509.ca,
      // Not checkIssued: OpenSSL's version also wants keyCertSign, which a self-signed end-entity certificate
      // (generated here, ADR 024) rightly lacks; TLS verification itself treats it as self-signed.
      selfSigned: isSelfSigned(x509),
      // Node names the extended key usage extension `keyUsage`.
      extendedKeyUsage: x509.keyUsage ?? null,
      pem: toPem("CERTIFICATE", x509.raw),
    },
  };
}

function signedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/**
 * Issued by itself: its names match and its own key verifies its signature. Not `issued(x, x)`: OpenSSL's issuer
 * check also wants keyCertSign, which a self-signed leaf (as this console generates) rightly lacks.
 */
export function isSelfSigned(x509: X509Certificate): boolean {
  return x509.subject === x509.issuer && signedBy(x509, x509);
}

/** True when `issuer` signed `cert`: names chain and the signature verifies. */
export function issued(issuer: X509Certificate, cert: X509Certificate): boolean {
  try {
    return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}
