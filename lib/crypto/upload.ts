import type { KeyObject } from "node:crypto";
import { parseCertificate, type ParsedCertificate } from "./certificate";
import { ImportError, unparseable } from "./import-error";
import { MAX_UPLOAD_BYTES } from "./limits";
import { isPem, readPem } from "./pem";
import { looksLikePkcs12, readPkcs12 } from "./pkcs12";
import { KEY_LABELS, readDerKey, readPemKey } from "./private-key";

export interface UploadFile {
  name: string;
  bytes: Buffer;
}

/** Everything read out of the uploaded files, before any keystore or truststore rule is applied. */
export interface UploadContents {
  keys: { key: KeyObject; part: string }[];
  certificates: ParsedCertificate[];
  fromPkcs12: boolean;
}

export function checkSize(file: UploadFile): void {
  if (file.bytes.length > MAX_UPLOAD_BYTES)
    throw new ImportError("TOO_LARGE", `${file.name} is larger than the 1 MB limit.`, file.name);
  if (file.bytes.length === 0) throw new ImportError("UNPARSEABLE", `${file.name} is empty.`, file.name);
}

function readOne(file: UploadFile, password: string, out: UploadContents): void {
  checkSize(file);
  const name = file.name;
  if (isPem(file.bytes)) {
    let certNo = 0;
    for (const block of readPem(file.bytes, name)) {
      if (block.label === "CERTIFICATE")
        out.certificates.push(parseCertificate(block.der, `certificate ${++certNo} in ${name}`));
      else if (KEY_LABELS.includes(block.label))
        out.keys.push({ key: readPemKey(block, password, `private key in ${name}`), part: name });
      else
        throw new ImportError(
          "UNSUPPORTED",
          `${name} holds a "${block.label}" block; only certificates and private keys are accepted.`,
          name,
        );
    }
    return;
  }
  if (looksLikePkcs12(file.bytes)) {
    const contents = readPkcs12(file.bytes, password);
    out.fromPkcs12 = true;
    contents.certificates.forEach((der, i) =>
      out.certificates.push(parseCertificate(der, `certificate ${i + 1} in ${name}`)),
    );
    contents.keys.forEach((der) => out.keys.push({ key: readDerKey(der, `private key in ${name}`), part: name }));
    return;
  }
  // Binary but not PKCS#12: a single DER certificate or an unencrypted PKCS#8 key.
  try {
    out.certificates.push(parseCertificate(file.bytes, name));
  } catch {
    try {
      out.keys.push({ key: readDerKey(file.bytes, name), part: name });
    } catch {
      throw unparseable(name, "is neither PEM, PKCS#12, nor a DER certificate or key");
    }
  }
}

/** Reads every file; certificates that appear twice (same SHA-256) are kept once. */
export function readUpload(files: UploadFile[], password: string): UploadContents {
  const out: UploadContents = { keys: [], certificates: [], fromPkcs12: false };
  for (const file of files) readOne(file, password, out);
  const seen = new Set<string>();
  out.certificates = out.certificates.filter((c) => !seen.has(c.info.sha256) && seen.add(c.info.sha256));
  return out;
}
