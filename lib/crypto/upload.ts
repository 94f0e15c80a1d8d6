import type { KeyObject } from "node:crypto";
import { parseCertificate, type ParsedCertificate } from "./certificate";
import type { WorkBudget } from "./budget";
import { ImportError, unparseable } from "./import-error";
import { MAX_UPLOAD_BYTES } from "./limits";
import { isPem, readPem } from "./pem";
import { looksLikePkcs12, readPkcs12 } from "./pkcs12";
import { looksLikePkcs7, readPkcs7 } from "./pkcs7";
import { KEY_LABELS, readDerKey, readPemKey } from "./private-key";

export interface UploadFile {
  name: string;
  bytes: Buffer;
}

/** Everything read out of the uploaded files, before any keystore or truststore rule is applied. */
interface UploadContents {
  keys: { key: KeyObject; part: string }[];
  certificates: ParsedCertificate[];
  fromPkcs12: boolean;
}

function checkSize(file: UploadFile): void {
  if (file.bytes.length > MAX_UPLOAD_BYTES)
    throw new ImportError("TOO_LARGE", `${file.name} is larger than the 1 MB limit.`, file.name);
  if (file.bytes.length === 0) throw new ImportError("UNPARSEABLE", `${file.name} is empty.`, file.name);
}

/**
 * Keystores take one key (the same key may come twice, in a PEM and in a PKCS#12); truststores none.
 * A key is compared with the first one only, so a second distinct key is refused as soon as it is read.
 */
type KeyPolicy = "one" | "none";

/** PEM labels of a PKCS#7 / CMS certificate bundle (openssl writes "PKCS7"). */
const PKCS7_LABELS = ["PKCS7", "CMS"];

/**
 * Node 20's KeyObject.equals on keys of two types leaves "different key types" on the thread's OpenSSL error queue,
 * and the next key read on that thread fails with it: one hostile upload would break someone else's. Keys of two
 * types are never equal, so they are not handed to OpenSSL to compare.
 */
const sameKey = (a: KeyObject, b: KeyObject) => a.asymmetricKeyType === b.asymmetricKeyType && a.equals(b);
class Reader {
  readonly out: UploadContents = { keys: [], certificates: [], fromPkcs12: false };
  constructor(
    private readonly password: string,
    private readonly budget: WorkBudget,
    private readonly keyPolicy: KeyPolicy,
  ) {}

  certificate(der: Buffer, part: string): void {
    this.budget.count("certificates", part);
    this.out.certificates.push(parseCertificate(der, part));
  }

  key(read: () => KeyObject, part: string, file: string): void {
    this.budget.count("keys", part);
    const key = read();
    if (this.keyPolicy === "none")
      throw new ImportError(
        "UNSUPPORTED",
        "The upload holds a private key; a truststore takes certificates only. Use a keystore for key material.",
        "file",
      );
    const first = this.out.keys[0];
    if (!first) this.out.keys.push({ key, part: file });
    else if (!sameKey(first.key, key))
      throw new ImportError(
        "MULTIPLE_KEYS",
        "The upload has more than one private key; a keystore holds exactly one.",
        "key",
      );
  }

  file(file: UploadFile): void {
    checkSize(file);
    const name = file.name;
    if (isPem(file.bytes)) {
      let certNo = 0;
      for (const block of readPem(file.bytes, name)) {
        const keyPart = `private key in ${name}`;
        if (block.label === "CERTIFICATE") this.certificate(block.der, `certificate ${++certNo} in ${name}`);
        else if (PKCS7_LABELS.includes(block.label))
          readPkcs7(block.der, name).forEach((der) => this.certificate(der, `certificate ${++certNo} in ${name}`));
        else if (KEY_LABELS.includes(block.label))
          this.key(() => readPemKey(block, this.password, keyPart, this.budget), keyPart, name);
        else
          throw new ImportError(
            "UNSUPPORTED",
            `${name} holds a "${block.label}" block; only certificates (also PKCS#7) and private keys are accepted.`,
            name,
          );
      }
      return;
    }
    if (looksLikePkcs12(file.bytes)) {
      const contents = readPkcs12(file.bytes, this.password, this.budget);
      this.out.fromPkcs12 = true;
      contents.certificates.forEach((der, i) => this.certificate(der, `certificate ${i + 1} in ${name}`));
      const keyPart = `private key in ${name}`;
      contents.keys.forEach((der) => this.key(() => readDerKey(der, keyPart), keyPart, name));
      return;
    }
    if (looksLikePkcs7(file.bytes)) {
      readPkcs7(file.bytes, name).forEach((der, i) => this.certificate(der, `certificate ${i + 1} in ${name}`));
      return;
    }
    // Binary but neither PKCS#12 nor PKCS#7: a single DER certificate or an unencrypted PKCS#8 key.
    let certificate: ParsedCertificate | undefined;
    try {
      certificate = parseCertificate(file.bytes, name);
    } catch {
      // not a certificate: perhaps a key
    }
    if (certificate) {
      this.budget.count("certificates", name);
      this.out.certificates.push(certificate);
      return;
    }
    this.key(
      () => {
        try {
          return readDerKey(file.bytes, name);
        } catch {
          throw unparseable(name, "is neither PEM, PKCS#12, nor a DER certificate or key");
        }
      },
      name,
      name,
    );
  }
}

/**
 * Reads every file under one work budget; certificates that appear twice (same SHA-256) are kept once.
 * The budget is charged before each derivation, bag, key and certificate, so a refusal comes before the work.
 */
export function readUpload(
  files: UploadFile[],
  password: string,
  budget: WorkBudget,
  keyPolicy: KeyPolicy,
): UploadContents {
  const reader = new Reader(password, budget, keyPolicy);
  for (const file of files) reader.file(file);
  const { out } = reader;
  const seen = new Set<string>();
  out.certificates = out.certificates.filter((c) => !seen.has(c.info.sha256) && seen.add(c.info.sha256));
  return out;
}
