import { children, type Der, explicit, oidOf, parseDer, seqOf, TAG } from "./der";
import { ImportError } from "./import-error";
import { OID } from "./oids";

/**
 * Certificates out of a PKCS#7 / CMS "certs-only" SignedData (.p7b, .p7c): what many CAs send a signed certificate
 * and its chain as. Only the certificates are read; signatures and signer infos are ignored (a certs-only
 * bundle has none).
 */
const PART = "PKCS#7 file";

/** True when the bytes look like a ContentInfo whose content type is SignedData. */
export function looksLikePkcs7(bytes: Buffer): boolean {
  if (bytes.length < 16 || bytes[0] !== TAG.SEQUENCE) return false;
  const header = bytes[1] & 0x80 ? 2 + (bytes[1] & 0x7f) : 2;
  const signedData = Buffer.from([TAG.OID, 9, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]);
  return bytes.subarray(header, header + signedData.length).equals(signedData);
}

/** The DER of every certificate in the bundle, in the order written. */
export function readPkcs7(bytes: Buffer, name: string): Buffer[] {
  const part = `${PART} ${name}`;
  const [type, content] = seqOf(parseDer(bytes, part), part, 2);
  if (oidOf(type, part) !== OID.signedData)
    throw new ImportError("UNSUPPORTED", `${name} is a PKCS#7 file but not a certificate bundle (SignedData).`, name);
  // SignedData ::= SEQUENCE { version, digestAlgorithms SET, encapContentInfo, certificates [0] IMPLICIT SET OF …, … }
  const fields = seqOf(explicit(content, 0, part), part, 3);
  const certificates: Der | undefined = fields.slice(3).find((f) => f.tag === 0xa0);
  const ders = certificates ? children(certificates, part).filter((c) => c.tag === TAG.SEQUENCE) : [];
  if (ders.length === 0) throw new ImportError("NO_CERTIFICATE", `${name} holds no certificates.`, name);
  return ders.map((c) => c.raw);
}
