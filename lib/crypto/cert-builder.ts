import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from "node:crypto";
import { bitString, bool, ctx, encode, nullValue, octets, oid, seq, set, time, uint, utf8 } from "./der";
import { OID } from "./oids";
import { toPem } from "./pem";

/**
 * Issues X.509 v3 certificates. Node can verify certificates but not create them; the installation's
 * default CA, server and client certificates, and the test suites' fixtures, are made here.
 */
export interface DistinguishedName {
  commonName: string;
  organization?: string;
}

export interface CertificateSpec {
  subject: DistinguishedName;
  publicKey: KeyObject;
  /** Omit for a self-signed certificate (then `signingKey` is the subject's own private key). */
  issuer?: DistinguishedName;
  signingKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
  usage: "ca" | "server" | "client" | "server+client" | "signing";
  dnsNames?: string[];
  /** For tests of the SHA-1 warning only. */
  hash?: "sha256" | "sha1";
}

function name(dn: DistinguishedName): Buffer {
  const rdn = (type: string, value: string) => set(seq(oid(type), utf8(value)));
  return seq(...(dn.organization ? [rdn(OID.organization, dn.organization)] : []), rdn(OID.commonName, dn.commonName));
}

function signatureAlgorithm(key: KeyObject, hash: "sha256" | "sha1"): { der: Buffer; digest: string | null } {
  switch (key.asymmetricKeyType) {
    case "rsa":
      return {
        der: seq(oid(hash === "sha1" ? "1.2.840.113549.1.1.5" : "1.2.840.113549.1.1.11"), nullValue()),
        digest: hash,
      };
    case "ec":
      return { der: seq(oid(hash === "sha1" ? "1.2.840.10045.4.1" : "1.2.840.10045.4.3.2")), digest: hash };
    case "ed25519":
      return { der: seq(oid(OID.ed25519)), digest: null };
    default:
      throw new Error(`Cannot sign with a ${key.asymmetricKeyType} key`);
  }
}

function keyUsageBits(usage: CertificateSpec["usage"]): Buffer {
  // digitalSignature (0x80), keyEncipherment (0x20), keyCertSign (0x04), cRLSign (0x02); first byte counts unused bits.
  if (usage === "ca") return encode(0x03, Buffer.from([1, 0x86]));
  if (usage === "signing") return encode(0x03, Buffer.from([7, 0x80]));
  return encode(0x03, Buffer.from([5, 0xa0]));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));
}

function extensions(spec: CertificateSpec, spki: Buffer): Buffer {
  const list = [
    extension(OID.basicConstraints, true, spec.usage === "ca" ? seq(bool(true)) : seq()),
    extension(OID.keyUsage, true, keyUsageBits(spec.usage)),
    extension(OID.subjectKeyIdentifier, false, octets(createHash("sha1").update(spki).digest())),
  ];
  if (spec.usage !== "ca" && spec.usage !== "signing") {
    const purposes =
      spec.usage === "server"
        ? [OID.serverAuth]
        : spec.usage === "client"
          ? [OID.clientAuth]
          : [OID.serverAuth, OID.clientAuth];
    list.push(extension(OID.extKeyUsage, false, seq(...purposes.map(oid))));
  }
  if (spec.dnsNames?.length)
    list.push(
      extension(OID.subjectAltName, false, seq(...spec.dnsNames.map((d) => encode(0x82, Buffer.from(d, "ascii"))))),
    );
  return ctx(3, seq(...list));
}

/** Returns the certificate as PEM. */
export function issueCertificate(spec: CertificateSpec): string {
  const spki = spec.publicKey.export({ type: "spki", format: "der" });
  const alg = signatureAlgorithm(spec.signingKey, spec.hash ?? "sha256");
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  const tbs = seq(
    ctx(0, uint(2)),
    uint(serial),
    alg.der,
    name(spec.issuer ?? spec.subject),
    seq(time(spec.notBefore), time(spec.notAfter)),
    name(spec.subject),
    spki,
    extensions(spec, spki),
  );
  const signature = sign(alg.digest, tbs, spec.signingKey);
  return toPem("CERTIFICATE", seq(tbs, alg.der, bitString(signature)));
}

export type KeyKind = "rsa-2048" | "rsa-3072" | "rsa-1024" | "ec-p256" | "ec-p384" | "ed25519";

/** Generates a key pair; `rsa-1024` exists only so tests can prove weak keys are refused. */
export function generateKey(kind: KeyKind): { privateKey: KeyObject; publicKey: KeyObject } {
  if (kind.startsWith("rsa")) return generateKeyPairSync("rsa", { modulusLength: Number(kind.slice(4)) });
  if (kind === "ed25519") return generateKeyPairSync("ed25519");
  return generateKeyPairSync("ec", { namedCurve: kind === "ec-p384" ? "secp384r1" : "prime256v1" });
}
