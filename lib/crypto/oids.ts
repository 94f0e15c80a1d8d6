/** Object identifiers the importer recognises, by what they mean. */
export const OID = {
  data: "1.2.840.113549.1.7.1",
  signedData: "1.2.840.113549.1.7.2",
  encryptedData: "1.2.840.113549.1.7.6",
  keyBag: "1.2.840.113549.1.12.10.1.1",
  shroudedKeyBag: "1.2.840.113549.1.12.10.1.2",
  certBag: "1.2.840.113549.1.12.10.1.3",
  safeContentsBag: "1.2.840.113549.1.12.10.1.6",
  x509Certificate: "1.2.840.113549.1.9.22.1",
  pbes2: "1.2.840.113549.1.5.13",
  pbkdf2: "1.2.840.113549.1.5.12",
  pbmac1: "1.2.840.113549.1.5.14",
  scrypt: "1.3.6.1.4.1.11591.4.11",
  desEde3Cbc: "1.2.840.113549.3.7",
  rsaEncryption: "1.2.840.113549.1.1.1",
  ecPublicKey: "1.2.840.10045.2.1",
  ed25519: "1.3.101.112",
  subjectAltName: "2.5.29.17",
  basicConstraints: "2.5.29.19",
  keyUsage: "2.5.29.15",
  extKeyUsage: "2.5.29.37",
  subjectKeyIdentifier: "2.5.29.14",
  authorityKeyIdentifier: "2.5.29.35",
  commonName: "2.5.4.3",
  organization: "2.5.4.10",
  serverAuth: "1.3.6.1.5.5.7.3.1",
  clientAuth: "1.3.6.1.5.5.7.3.2",
} as const;

/** Hash functions by OID, as used in PKCS#12 MACs and PBKDF2 PRFs (`hmacWith…`). */
export const DIGESTS: Record<string, { name: string; size: number; block: number }> = {
  "1.3.14.3.2.26": { name: "sha1", size: 20, block: 64 },
  "2.16.840.1.101.3.4.2.4": { name: "sha224", size: 28, block: 64 },
  "2.16.840.1.101.3.4.2.1": { name: "sha256", size: 32, block: 64 },
  "2.16.840.1.101.3.4.2.2": { name: "sha384", size: 48, block: 128 },
  "2.16.840.1.101.3.4.2.3": { name: "sha512", size: 64, block: 128 },
};

/** Output bytes of a hash, by the name Node gives it. */
export function hashSize(name: string): number {
  return Object.values(DIGESTS).find((d) => d.name === name)?.size ?? 20;
}

export const HMACS: Record<string, string> = {
  "1.2.840.113549.2.7": "sha1",
  "1.2.840.113549.2.8": "sha224",
  "1.2.840.113549.2.9": "sha256",
  "1.2.840.113549.2.10": "sha384",
  "1.2.840.113549.2.11": "sha512",
};

export const AES_CBC: Record<string, { cipher: string; keyLength: number }> = {
  "2.16.840.1.101.3.4.1.2": { cipher: "aes-128-cbc", keyLength: 16 },
  "2.16.840.1.101.3.4.1.22": { cipher: "aes-192-cbc", keyLength: 24 },
  "2.16.840.1.101.3.4.1.42": { cipher: "aes-256-cbc", keyLength: 32 },
};

/** PKCS#12 PBES1 schemes (RFC 7292 appendix C). */
export const PKCS12_PBE: Record<string, { cipher: "3des" | "2des" | "rc2"; keyLength: number; bits: number }> = {
  "1.2.840.113549.1.12.1.3": { cipher: "3des", keyLength: 24, bits: 192 },
  "1.2.840.113549.1.12.1.4": { cipher: "2des", keyLength: 16, bits: 128 },
  "1.2.840.113549.1.12.1.5": { cipher: "rc2", keyLength: 16, bits: 128 },
  "1.2.840.113549.1.12.1.6": { cipher: "rc2", keyLength: 5, bits: 40 },
};

/** PKCS#5 v1.5 PBES1 schemes (MD2/MD5/SHA-1 with DES or RC2), which OpenSSL may still open. */
export const PBES1 = new Set([
  "1.2.840.113549.1.5.1",
  "1.2.840.113549.1.5.3",
  "1.2.840.113549.1.5.4",
  "1.2.840.113549.1.5.6",
  "1.2.840.113549.1.5.10",
  "1.2.840.113549.1.5.11",
]);

export const SIGNATURE_ALGORITHMS: Record<string, string> = {
  "1.2.840.113549.1.1.4": "md5WithRSAEncryption",
  "1.2.840.113549.1.1.5": "sha1WithRSAEncryption",
  "1.2.840.113549.1.1.10": "rsassaPss",
  "1.2.840.113549.1.1.11": "sha256WithRSAEncryption",
  "1.2.840.113549.1.1.12": "sha384WithRSAEncryption",
  "1.2.840.113549.1.1.13": "sha512WithRSAEncryption",
  "1.2.840.113549.1.1.14": "sha224WithRSAEncryption",
  "1.2.840.10045.4.1": "ecdsa-with-SHA1",
  "1.2.840.10045.4.3.2": "ecdsa-with-SHA256",
  "1.2.840.10045.4.3.3": "ecdsa-with-SHA384",
  "1.2.840.10045.4.3.4": "ecdsa-with-SHA512",
  "1.3.101.112": "Ed25519",
  "1.2.840.10040.4.3": "dsa-with-SHA1",
};
