import { createHmac, timingSafeEqual } from "node:crypto";
import { type WorkBudget } from "./budget";
import { children, type Der, explicit, expectTag, oidOf, parseDer, seqOf, smallIntOf, TAG } from "./der";
import { ImportError, unparseable } from "./import-error";
import { DIGESTS, hashSize, HMACS, OID } from "./oids";
import { bmpPassword, MAX_PKCS12_KDF_ITERATIONS, parsePbkdf2, pbeDecrypt, pbkdf2Key, pkcs12Kdf } from "./pbe";

/** What a PKCS#12 file holds, still as DER: keys are unencrypted PKCS#8. */
interface Pkcs12Contents {
  keys: Buffer[];
  certificates: Buffer[];
}

const PART = "PKCS#12 file";
// A MAC key shorter than this lets an attacker forge the integrity check (the "short key" PBMAC1 attack).
const MIN_PBMAC1_KEY_BYTES = 20;

/** True when the bytes look like a PFX (SEQUENCE whose first element is INTEGER 3). */
export function looksLikePkcs12(bytes: Buffer): boolean {
  if (bytes.length < 8 || bytes[0] !== TAG.SEQUENCE) return false;
  const header = bytes[1] & 0x80 ? 2 + (bytes[1] & 0x7f) : 2;
  return bytes.subarray(header, header + 3).equals(Buffer.from([TAG.INTEGER, 1, 3]));
}

/** An OCTET STRING's content, including the constructed form some exporters still write. */
function octetContent(el: Der, part: string): Buffer {
  if (el.tag === TAG.OCTET_STRING || el.tag === 0x80) return el.bytes;
  if (el.tag === 0x24 || el.tag === 0xa0) return Buffer.concat(children(el, part).map((c) => octetContent(c, part)));
  throw unparseable(part, "does not have the expected structure");
}

function verifyMac(macData: Der, authSafe: Buffer, password: string, budget: WorkBudget): void {
  const [digestInfo, saltEl, iterEl] = seqOf(macData, `${PART} MAC`, 2);
  const [algorithm, digestEl] = seqOf(digestInfo, `${PART} MAC`, 2);
  const [algOid, params] = seqOf(algorithm, `${PART} MAC`, 1);
  const expected = expectTag(digestEl, TAG.OCTET_STRING, `${PART} MAC`).bytes;
  const id = oidOf(algOid, `${PART} MAC`);
  const candidates: Buffer[] = [];
  if (id === OID.pbmac1) {
    candidates.push(pbmac1(params, authSafe, password, budget));
  } else {
    const digest = DIGESTS[id];
    if (!digest)
      throw new ImportError("UNSUPPORTED", `The ${PART} uses an unsupported integrity algorithm (${id}).`, PART);
    const salt = expectTag(saltEl, TAG.OCTET_STRING, `${PART} MAC`).bytes;
    const iterations = iterEl ? smallIntOf(iterEl, `${PART} MAC`, MAX_PKCS12_KDF_ITERATIONS) : 1;
    const encodings = password === "" ? [bmpPassword(""), Buffer.alloc(0)] : [bmpPassword(password)];
    for (const encoded of encodings) {
      const key = pkcs12Kdf(id, encoded, salt, 3, iterations, digest.size, budget, PART);
      candidates.push(createHmac(digest.name, key).update(authSafe).digest());
    }
  }
  if (!candidates.some((mac) => mac.length === expected.length && timingSafeEqual(mac, expected))) {
    throw password === ""
      ? new ImportError(
          "PASSWORD_REQUIRED",
          "This PKCS#12 file is protected by a password. Enter it and upload again.",
          "password",
        )
      : new ImportError(
          "WRONG_PASSWORD",
          "The password is wrong, or the file was altered: its integrity check failed.",
          "password",
        );
  }
}

/** RFC 9579: the MAC key comes from PBKDF2, whose parameters must state the key length. */
function pbmac1(params: Der | undefined, authSafe: Buffer, password: string, budget: WorkBudget): Buffer {
  const part = `${PART} MAC`;
  const [kdf, scheme] = seqOf(params, part, 2);
  const [kdfOid, kdfParams] = seqOf(kdf, part, 1);
  if (oidOf(kdfOid, part) !== OID.pbkdf2)
    throw new ImportError("UNSUPPORTED", "The PBMAC1 integrity check uses a key derivation other than PBKDF2.", PART);
  const pbkdf2 = parsePbkdf2(kdfParams, part);
  if (pbkdf2.keyLength === undefined)
    throw new ImportError(
      "INTEGRITY",
      "The file's PBMAC1 integrity parameters are malformed: the key length is missing.",
      PART,
    );
  if (pbkdf2.keyLength < MIN_PBMAC1_KEY_BYTES)
    throw new ImportError(
      "INTEGRITY",
      `The file's PBMAC1 integrity key is only ${pbkdf2.keyLength} bytes long, too short to trust; the file is refused.`,
      PART,
    );
  const hmac = HMACS[oidOf(seqOf(scheme, part, 1)[0], part)];
  if (!hmac) throw new ImportError("UNSUPPORTED", "The PBMAC1 integrity check uses an unsupported HMAC.", PART);
  // A longer key adds no strength to the HMAC, only PBKDF2 blocks: 1,024 bytes of SHA-1 is 52 times the work.
  if (pbkdf2.keyLength > hashSize(hmac))
    throw new ImportError(
      "INTEGRITY",
      `The file's PBMAC1 integrity key is ${pbkdf2.keyLength} bytes long, more than its ${hmac.toUpperCase()} HMAC uses; the file is refused.`,
      PART,
    );
  const key = pbkdf2Key(password, pbkdf2, pbkdf2.keyLength, budget, part);
  return createHmac(hmac, key).update(authSafe).digest();
}

function wrongPassword(password: string, part: string): ImportError {
  return password === ""
    ? new ImportError("PASSWORD_REQUIRED", `The ${part} is encrypted. Enter its password and upload again.`, "password")
    : new ImportError("WRONG_PASSWORD", `The password does not decrypt the ${part}.`, "password");
}

function decryptWith(
  algorithm: Der | undefined,
  password: string,
  data: Buffer,
  part: string,
  budget: WorkBudget,
): Buffer {
  const plain = pbeDecrypt(algorithm, password, data, part, budget);
  if (!plain) throw wrongPassword(password, part);
  return plain;
}

function readBags(safeContents: Buffer, password: string, out: Pkcs12Contents, budget: WorkBudget, depth = 0): void {
  const part = `${PART} contents`;
  if (depth > 4) throw unparseable(part, "is nested too deeply");
  for (const bag of seqOf(parseDer(safeContents, part), part)) {
    budget.count("bags", PART);
    const [bagIdEl, valueEl] = seqOf(bag, part, 2);
    const bagId = oidOf(bagIdEl, part);
    const value = explicit(valueEl, 0, part);
    if (bagId === OID.keyBag) out.keys.push(value.raw);
    else if (bagId === OID.shroudedKeyBag) {
      const [algorithm, encrypted] = seqOf(value, "encrypted private key", 2);
      out.keys.push(
        decryptWith(
          algorithm,
          password,
          expectTag(encrypted, TAG.OCTET_STRING, "private key").bytes,
          "private key",
          budget,
        ),
      );
    } else if (bagId === OID.certBag) {
      const [certType, certValue] = seqOf(value, "certificate bag", 2);
      if (oidOf(certType, "certificate bag") !== OID.x509Certificate) continue; // SDSI certificates: not ours
      out.certificates.push(
        expectTag(explicit(certValue, 0, "certificate bag"), TAG.OCTET_STRING, "certificate bag").bytes,
      );
    } else if (bagId === OID.safeContentsBag) readBags(value.raw, password, out, budget, depth + 1);
    // CRL and secret bags carry nothing a keystore uses.
  }
}

/** Decodes a PKCS#12 file: verifies its integrity (legacy MAC or PBMAC1), then decrypts every part. */
export function readPkcs12(bytes: Buffer, password: string, budget: WorkBudget): Pkcs12Contents {
  const [versionEl, authSafeInfo, macData] = seqOf(parseDer(bytes, PART), PART, 2);
  if (smallIntOf(versionEl, PART) !== 3)
    throw new ImportError("UNSUPPORTED", "Only PKCS#12 version 3 files are supported.", PART);
  const [typeEl, contentEl] = seqOf(authSafeInfo, PART, 2);
  if (oidOf(typeEl, PART) !== OID.data)
    throw new ImportError(
      "UNSUPPORTED",
      "Only password-protected PKCS#12 files are supported (not public-key integrity).",
      PART,
    );
  const authSafe = octetContent(explicit(contentEl, 0, PART), PART);
  if (macData) verifyMac(macData, authSafe, password, budget);

  const out: Pkcs12Contents = { keys: [], certificates: [] };
  for (const info of seqOf(parseDer(authSafe, PART), PART)) {
    const [ctype, content] = seqOf(info, PART, 2);
    const contentType = oidOf(ctype, PART);
    if (contentType === OID.data) {
      readBags(octetContent(explicit(content, 0, PART), PART), password, out, budget);
    } else if (contentType === OID.encryptedData) {
      const [, encryptedContentInfo] = seqOf(explicit(content, 0, PART), PART, 2);
      const [, algorithm, encrypted] = seqOf(encryptedContentInfo, PART, 3);
      const plain = decryptWith(algorithm, password, octetContent(encrypted, PART), "certificates", budget);
      try {
        readBags(plain, password, out, budget);
      } catch (e) {
        // Without a MAC, a wrong password can pass the padding check by chance; what comes out is noise.
        if (!macData && e instanceof ImportError && e.code === "UNPARSEABLE")
          throw wrongPassword(password, "certificates");
        throw e;
      }
    } else
      throw new ImportError(
        "UNSUPPORTED",
        "The PKCS#12 file uses public-key encryption, which is not supported.",
        PART,
      );
  }
  return out;
}
