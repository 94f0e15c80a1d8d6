import table from "./openssl-ciphers.json";

/** API Connect's 40 cipher names, in API Connect's display order. TLS 1.3 suites use their IANA names. */
export const CIPHER_NAMES = [
  "TLS_AES_256_GCM_SHA384",
  "TLS_CHACHA20_POLY1305_SHA256",
  "TLS_AES_128_GCM_SHA256",
  "TLS_AES_128_CCM_SHA256",
  "TLS_AES_128_CCM_8_SHA256",
  "ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
  "ECDHE_RSA_WITH_AES_256_GCM_SHA384",
  "ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
  "ECDHE_RSA_WITH_AES_256_CBC_SHA384",
  "ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
  "ECDHE_RSA_WITH_AES_256_CBC_SHA",
  "DHE_DSS_WITH_AES_256_GCM_SHA384",
  "DHE_RSA_WITH_AES_256_GCM_SHA384",
  "DHE_RSA_WITH_AES_256_CBC_SHA256",
  "DHE_DSS_WITH_AES_256_CBC_SHA256",
  "DHE_RSA_WITH_AES_256_CBC_SHA",
  "DHE_DSS_WITH_AES_256_CBC_SHA",
  "RSA_WITH_AES_256_GCM_SHA384",
  "RSA_WITH_AES_256_CBC_SHA256",
  "RSA_WITH_AES_256_CBC_SHA",
  "ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
  "ECDHE_RSA_WITH_AES_128_GCM_SHA256",
  "ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
  "ECDHE_RSA_WITH_AES_128_CBC_SHA256",
  "ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
  "ECDHE_RSA_WITH_AES_128_CBC_SHA",
  "DHE_DSS_WITH_AES_128_GCM_SHA256",
  "DHE_RSA_WITH_AES_128_GCM_SHA256",
  "DHE_RSA_WITH_AES_128_CBC_SHA256",
  "DHE_DSS_WITH_AES_128_CBC_SHA256",
  "DHE_RSA_WITH_AES_128_CBC_SHA",
  "DHE_DSS_WITH_AES_128_CBC_SHA",
  "RSA_WITH_AES_128_GCM_SHA256",
  "RSA_WITH_AES_128_CBC_SHA256",
  "RSA_WITH_AES_128_CBC_SHA",
  "ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA",
  "ECDHE_RSA_WITH_3DES_EDE_CBC_SHA",
  "DHE_RSA_WITH_3DES_EDE_CBC_SHA",
  "DHE_DSS_WITH_3DES_EDE_CBC_SHA",
  "RSA_WITH_3DES_EDE_CBC_SHA",
] as const;
export type CipherName = (typeof CIPHER_NAMES)[number];

/** The weakness flags of the catalogue: lint names them, a policy may forbid suites by them. */
export const CIPHER_WEAKNESSES = ["3des", "cbc-sha1", "static-rsa", "dhe-dss"] as const;
export type CipherWeakness = (typeof CIPHER_WEAKNESSES)[number];

export const WEAKNESS_LABELS: Record<CipherWeakness, string> = {
  "3des": "3DES (64-bit block, Sweet32)",
  "cbc-sha1": "CBC with SHA-1 MAC",
  "static-rsa": "Static RSA key exchange (no forward secrecy)",
  "dhe-dss": "DSS authentication (obsolete)",
};

export interface CipherInfo {
  name: CipherName;
  iana: string;
  openssl: string;
  /** "tls13" suites work only with TLS 1.3; "tls12" suites with TLS 1.0–1.2. */
  family: "tls13" | "tls12";
  weaknesses: CipherWeakness[];
}

function weaknessesOf(name: string): CipherWeakness[] {
  const found: CipherWeakness[] = [];
  if (name.includes("3DES")) found.push("3des");
  else if (name.endsWith("_CBC_SHA")) found.push("cbc-sha1");
  if (name.startsWith("RSA_WITH_")) found.push("static-rsa");
  if (name.startsWith("DHE_DSS_")) found.push("dhe-dss");
  return found;
}

const byIana = new Map(table.suites.map((s) => [s.iana, s]));

function describe(name: CipherName): CipherInfo {
  const family = name.startsWith("TLS_") ? "tls13" : "tls12";
  const iana = family === "tls13" ? name : `TLS_${name}`;
  const row = byIana.get(iana);
  if (!row) throw new Error(`cipher catalogue: no OpenSSL entry for ${iana}; rerun npm run gen:ciphers`);
  return { name, iana, openssl: row.openssl, family, weaknesses: weaknessesOf(name) };
}

export const CIPHERS: readonly CipherInfo[] = CIPHER_NAMES.map(describe);
export const CIPHER_BY_NAME: ReadonlyMap<CipherName, CipherInfo> = new Map(CIPHERS.map((c) => [c.name, c]));

export const TLS13_CIPHERS: CipherName[] = CIPHERS.filter((c) => c.family === "tls13").map((c) => c.name);

/** A new profile starts with every suite that has no known weakness (ADR 004). */
export const DEFAULT_CIPHERS: CipherName[] = CIPHERS.filter((c) => c.weaknesses.length === 0).map((c) => c.name);

export function isWeak(name: CipherName): boolean {
  return (CIPHER_BY_NAME.get(name)?.weaknesses.length ?? 0) > 0;
}

/** Keeps API Connect's display order so equal selections are stored identically. */
export function sortCiphers(ciphers: readonly CipherName[]): CipherName[] {
  return CIPHER_NAMES.filter((c) => ciphers.includes(c));
}
