import "reflect-metadata";
import { generateKeyPairSync, type KeyObject, type KeyPairKeyObjectResult, randomBytes, webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";
import { EXTENDED_USAGES, type KeyRequest, type KeyType, parseSan } from "@/lib/tls/key-request";

/**
 * Keys, certificate signing requests and self-signed certificates made inside the console (ADR 024), with
 * @peculiar/x509 on Node's WebCrypto. Runs on an import worker thread, never on the request thread: RSA key
 * generation takes up to seconds of CPU.
 */
x509.cryptoProvider.set(webcrypto as Crypto);

const DAY_MS = 86_400_000;

type SigningAlgorithm = RsaHashedImportParams | EcdsaParams | { name: "Ed25519" };

const RSA_SHA256: RsaHashedImportParams = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };

/**
 * Each key type: how node:crypto generates it, how WebCrypto imports it, and the signature it makes (ECDSA hashes
 * match their curve's size).
 */
const KINDS: Record<
  KeyType,
  { generate: () => KeyPairKeyObjectResult; import: ImportAlgorithm; sign: SigningAlgorithm }
> = {
  "rsa-2048": {
    generate: () => generateKeyPairSync("rsa", { modulusLength: 2048 }),
    import: RSA_SHA256,
    sign: RSA_SHA256,
  },
  "rsa-3072": {
    generate: () => generateKeyPairSync("rsa", { modulusLength: 3072 }),
    import: RSA_SHA256,
    sign: RSA_SHA256,
  },
  "rsa-4096": {
    generate: () => generateKeyPairSync("rsa", { modulusLength: 4096 }),
    import: RSA_SHA256,
    sign: RSA_SHA256,
  },
  "ec-p256": {
    generate: () => generateKeyPairSync("ec", { namedCurve: "prime256v1" }),
    import: { name: "ECDSA", namedCurve: "P-256" },
    sign: { name: "ECDSA", hash: "SHA-256" },
  },
  "ec-p384": {
    generate: () => generateKeyPairSync("ec", { namedCurve: "secp384r1" }),
    import: { name: "ECDSA", namedCurve: "P-384" },
    sign: { name: "ECDSA", hash: "SHA-384" },
  },
  ed25519: { generate: () => generateKeyPairSync("ed25519"), import: { name: "Ed25519" }, sign: { name: "Ed25519" } },
};
type ImportAlgorithm = RsaHashedImportParams | EcKeyImportParams | { name: "Ed25519" };

/**
 * The key is generated synchronously on purpose: WebCrypto's generateKey runs on libuv's thread pool, shared with
 * the request thread and outside this thread's nice value and CPU-time deadline (ADR 010); node:crypto's sync
 * generation runs here. WebCrypto then only signs, which is cheap.
 */
async function newKeyPair(type: KeyType): Promise<{ key: KeyObject; keys: CryptoKeyPair }> {
  const kind = KINDS[type];
  const { privateKey, publicKey } = kind.generate();
  const pkcs8 = privateKey.export({ type: "pkcs8", format: "der" });
  try {
    const keys = {
      privateKey: await webcrypto.subtle.importKey("pkcs8", pkcs8, kind.import, false, ["sign"]),
      publicKey: await webcrypto.subtle.importKey(
        "spki",
        publicKey.export({ type: "spki", format: "der" }),
        kind.import,
        true,
        ["verify"],
      ),
    } as CryptoKeyPair;
    return { key: privateKey, keys };
  } finally {
    pkcs8.fill(0);
  }
}

/**
 * Most significant first (C … CN), the order certificates are shown in everywhere else. Each value is handed over
 * typed: as a plain string the library reads a leading "#" as hex DER to embed and unescapes "\\0a" to a newline,
 * so the request would ask for a subject other than the one shown, audited and validated.
 */
function nameOf(subject: KeyRequest["subject"]): x509.Name {
  const parts: [string, string | undefined][] = [
    ["C", subject.country],
    ["ST", subject.state],
    ["L", subject.locality],
    ["O", subject.organization],
    ["OU", subject.organizational_unit],
    ["CN", subject.common_name],
  ];
  return new x509.Name(
    parts
      .filter(([, v]) => v)
      .map(([k, v]) => ({ [k]: [x509.Name.isPrintableString(v!) ? { printableString: v! } : { utf8String: v! }] })),
  );
}

const SAN_KIND = { DNS: "dns", IP: "ip", email: "email", URI: "url" } as const;

function altNames(sans: string[]): x509.Extension[] {
  if (sans.length === 0) return [];
  const names = sans.map((s) => {
    const { type, value } = parseSan(s)!;
    return { type: SAN_KIND[type], value };
  });
  return [new x509.SubjectAlternativeNameExtension(names)];
}

/**
 * Key usage fitting the key: every key signs the handshake; an RSA key of a TLS 1.2 server may also be asked to
 * decrypt the pre-master secret (RSA key exchange), so it carries keyEncipherment as well.
 */
function keyUsage(keyType: KeyType): x509.KeyUsagesExtension {
  const flags = keyType.startsWith("rsa")
    ? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment
    : x509.KeyUsageFlags.digitalSignature;
  return new x509.KeyUsagesExtension(flags, true);
}

const extendedUsage = (request: KeyRequest) =>
  new x509.ExtendedKeyUsageExtension(
    EXTENDED_USAGES[request.usage].map((u) => x509.ExtendedKeyUsage[u as "serverAuth" | "clientAuth"]),
  );

interface GeneratedKey {
  /** The private key: sealed by the caller at once, never sent anywhere. */
  key: KeyObject;
  /** The PKCS#10 request, or the self-signed certificate when `self_signed_days` was given. */
  csrPem: string;
  certificatePem?: string;
}

/** Generates the key and builds its CSR (extensionRequest: SANs, extended key usage), and a self-signed certificate if asked. */
export async function generateKeyAndRequest(request: KeyRequest, now: Date): Promise<GeneratedKey> {
  const { sign } = KINDS[request.key_type];
  const { key, keys } = await newKeyPair(request.key_type);
  const name = nameOf(request.subject);
  const extensions = [...altNames(request.subject_alt_names), extendedUsage(request)];
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name,
    keys,
    signingAlgorithm: sign,
    extensions: [...extensions, keyUsage(request.key_type)],
  });
  if (request.self_signed_days === undefined) return { key, csrPem: csr.toString("pem") };
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial.toString("hex"),
    name,
    keys,
    signingAlgorithm: sign,
    // A minute back, so a peer whose clock is slightly behind does not see a certificate from the future.
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + request.self_signed_days * DAY_MS),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      keyUsage(request.key_type),
      ...extensions,
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { key, csrPem: csr.toString("pem"), certificatePem: certificate.toString("pem") };
}
