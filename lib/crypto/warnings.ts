import type { CertificateInfo } from "./certificate";
import { daysLeft, expiryBucket } from "@/lib/tls/expiry";

type WarningCode = "SHA1_SIGNATURE" | "WEAK_KEY" | "EXPIRED" | "EXPIRES_SOON" | "NOT_CA";

export interface MaterialWarning {
  code: WarningCode;
  /** SHA-256 fingerprint of the certificate the warning is about. */
  certificate: string;
  message: string;
}

/** The certificate facts the warnings look at. */
type WarnableCertificate = Pick<
  CertificateInfo,
  "subject" | "signatureAlgorithm" | "selfSigned" | "keyType" | "keyBits" | "notAfter" | "isCA" | "sha256"
>;

function weakKey(c: WarnableCertificate): boolean {
  return (c.keyType === "RSA" && c.keyBits < 2048) || (c.keyType === "EC" && c.keyBits < 256) || c.keyType === "DSA";
}

/** Warnings that do not stop an upload but that the user must see. */
export function certificateWarnings(
  c: WarnableCertificate,
  now: Date,
  store: "keystore" | "truststore",
): MaterialWarning[] {
  const out: MaterialWarning[] = [];
  const add = (code: WarningCode, message: string) => out.push({ code, certificate: c.sha256, message });
  if (/sha1|md5/i.test(c.signatureAlgorithm) && !c.selfSigned)
    add("SHA1_SIGNATURE", `"${c.subject}" is signed with ${c.signatureAlgorithm}, which clients increasingly refuse.`);
  if (weakKey(c)) add("WEAK_KEY", `"${c.subject}" has a weak ${c.keyType} ${c.keyBits}-bit key.`);
  const bucket = expiryBucket(new Date(c.notAfter), now);
  if (bucket === "expired") add("EXPIRED", `"${c.subject}" expired on ${c.notAfter.slice(0, 10)}.`);
  else if (bucket === "7" || bucket === "30")
    add("EXPIRES_SOON", `"${c.subject}" expires in ${daysLeft(new Date(c.notAfter), now)} days.`);
  if (store === "truststore" && !c.isCA)
    add("NOT_CA", `"${c.subject}" is not a CA certificate; it can only match itself.`);
  return out;
}
