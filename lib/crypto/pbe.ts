import { createDecipheriv, createHash, pbkdf2Sync } from "node:crypto";
import { pbkdf2Cost, pkcs12KdfCost, scryptCost, tooMuchWork, type WorkBudget } from "./budget";
import { children, type Der, expectTag, oidOf, parseDer, seqOf, smallIntOf, TAG } from "./der";
import { ImportError, unparseable } from "./import-error";
import { AES_CBC, DIGESTS, HMACS, hashSize, OID, PBES1, PKCS12_PBE } from "./oids";
import { rc2CbcDecrypt } from "./rc2";

// Bounds the work one derivation can ask for; the upload's WorkBudget bounds their sum. Real exports use 1 to
// 10,000 rounds (Windows 2,000, OpenSSL 2,048, Java 10,000); the PKCS#12 KDF runs in JavaScript (~8 µs a
// round), PBKDF2 natively.
const MAX_PBKDF2_ITERATIONS = 500_000;
export const MAX_PKCS12_KDF_ITERATIONS = 20_000;

/** An iteration count, refused as too much work (not as malformed) above `max`. */
function iterationsOf(el: Der | undefined, part: string, max: number): number {
  const n = smallIntOf(el, part, Number.MAX_SAFE_INTEGER);
  if (n < 1) throw unparseable(part, "asks for zero key-derivation rounds");
  if (n > max) throw tooMuchWork(part, `it asks for ${n} key-derivation rounds; at most ${max} are allowed`);
  return n;
}

/** The password as PKCS#12's own KDF wants it: UTF-16BE with a terminating NUL (RFC 7292 B.1). */
export function bmpPassword(password: string): Buffer {
  const out = Buffer.alloc(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) out.writeUInt16BE(password.charCodeAt(i), i * 2);
  return out;
}

/** RFC 7292 appendix B.2. `id` 1 derives a key, 2 an IV, 3 a MAC key. */
export function pkcs12Kdf(
  hashOid: string,
  password: Buffer,
  salt: Buffer,
  id: 1 | 2 | 3,
  iterations: number,
  length: number,
  budget: WorkBudget,
  part: string,
): Buffer {
  const digest = DIGESTS[hashOid];
  if (!digest) throw new ImportError("UNSUPPORTED", "The file uses an unsupported digest for its key derivation.");
  if (iterations > MAX_PKCS12_KDF_ITERATIONS)
    throw tooMuchWork(
      part,
      `it asks for ${iterations} key-derivation rounds; at most ${MAX_PKCS12_KDF_ITERATIONS} are allowed`,
    );
  budget.charge(pkcs12KdfCost(iterations, length, digest.size), part);
  const { name, size: u, block: v } = digest;
  const fill = (src: Buffer) => {
    if (src.length === 0) return Buffer.alloc(0);
    const out = Buffer.alloc(v * Math.ceil(src.length / v));
    for (let i = 0; i < out.length; i++) out[i] = src[i % src.length];
    return out;
  };
  const D = Buffer.alloc(v, id);
  const I = Buffer.concat([fill(salt), fill(password)]);
  const blocks: Buffer[] = [];
  for (let produced = 0; produced < length; produced += u) {
    let A = createHash(name).update(D).update(I).digest();
    for (let r = 1; r < iterations; r++) A = createHash(name).update(A).digest();
    blocks.push(A);
    const B = Buffer.alloc(v);
    for (let i = 0; i < v; i++) B[i] = A[i % u];
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = I[j + k] + B[k] + carry;
        I[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(blocks).subarray(0, length);
}

interface Pbkdf2Params {
  salt: Buffer;
  iterations: number;
  keyLength?: number;
  prf: string;
}

export function parsePbkdf2(params: Der | undefined, part: string): Pbkdf2Params {
  const [saltEl, iterEl, ...rest] = seqOf(params, part, 2);
  const salt = expectTag(saltEl, TAG.OCTET_STRING, part).bytes;
  const iterations = iterationsOf(iterEl, part, MAX_PBKDF2_ITERATIONS);
  let keyLength: number | undefined;
  let prf = "sha1";
  for (const el of rest) {
    if (el.tag === TAG.INTEGER) keyLength = smallIntOf(el, part, 1024);
    else if (el.tag === TAG.SEQUENCE) {
      const prfOid = oidOf(children(el, part)[0], part);
      const name = HMACS[prfOid];
      if (!name)
        throw new ImportError("UNSUPPORTED", `The ${part} uses an unsupported PBKDF2 function (${prfOid}).`, part);
      prf = name;
    } else throw unparseable(part, "has malformed PBKDF2 parameters");
  }
  return { salt, iterations, keyLength, prf };
}

/** Derives a PBKDF2 key after charging the budget for it. */
export function pbkdf2Key(password: string, p: Pbkdf2Params, keyLength: number, budget: WorkBudget, part: string) {
  budget.charge(pbkdf2Cost(p.iterations, keyLength, p.prf, hashSize(p.prf)), part);
  return pbkdf2Sync(Buffer.from(password, "utf8"), p.salt, p.iterations, keyLength, p.prf);
}

function pbes2Decrypt(
  params: Der | undefined,
  password: string,
  data: Buffer,
  part: string,
  budget: WorkBudget,
): Buffer | null {
  const [kdf, scheme] = seqOf(params, part, 2);
  const [kdfOid, kdfParams] = seqOf(kdf, part, 1);
  if (oidOf(kdfOid, part) !== OID.pbkdf2)
    throw new ImportError("UNSUPPORTED", `The ${part} uses a key derivation other than PBKDF2.`, part);
  const [schemeOid, ivEl] = seqOf(scheme, part, 2);
  const schemeId = oidOf(schemeOid, part);
  const iv = expectTag(ivEl, TAG.OCTET_STRING, part).bytes;
  const aes = AES_CBC[schemeId];
  const cipher = aes?.cipher ?? (schemeId === OID.desEde3Cbc ? "des-ede3-cbc" : undefined);
  const keyLength = aes?.keyLength ?? 24;
  if (!cipher)
    throw new ImportError("UNSUPPORTED", `The ${part} is encrypted with an unsupported cipher (${schemeId}).`, part);
  const kdfValues = parsePbkdf2(kdfParams, part);
  if (kdfValues.keyLength !== undefined && kdfValues.keyLength !== keyLength)
    throw unparseable(part, "has a key length that does not fit its cipher");
  if (iv.length !== (cipher === "des-ede3-cbc" ? 8 : 16)) throw unparseable(part, "has an IV of the wrong size");
  const key = pbkdf2Key(password, kdfValues, keyLength, budget, part);
  return nodeCbcDecrypt(cipher, key, iv, data);
}

function nodeCbcDecrypt(cipher: string, key: Buffer, iv: Buffer, data: Buffer): Buffer | null {
  try {
    const d = createDecipheriv(cipher, key, iv);
    return Buffer.concat([d.update(data), d.final()]);
  } catch {
    return null; // bad padding: the password is wrong
  }
}

const SHA1 = "1.3.14.3.2.26";

function pkcs12PbeDecrypt(
  scheme: (typeof PKCS12_PBE)[string],
  params: Der | undefined,
  password: Buffer,
  data: Buffer,
  part: string,
  budget: WorkBudget,
) {
  const [saltEl, iterEl] = seqOf(params, part, 2);
  const salt = expectTag(saltEl, TAG.OCTET_STRING, part).bytes;
  const iterations = iterationsOf(iterEl, part, MAX_PKCS12_KDF_ITERATIONS);
  const key = pkcs12Kdf(SHA1, password, salt, 1, iterations, scheme.keyLength, budget, part);
  const iv = pkcs12Kdf(SHA1, password, salt, 2, iterations, 8, budget, part);
  if (scheme.cipher === "rc2") return rc2CbcDecrypt(key, scheme.bits, iv, data);
  const fullKey = scheme.cipher === "2des" ? Buffer.concat([key, key.subarray(0, 8)]) : key;
  return nodeCbcDecrypt("des-ede3-cbc", fullKey, iv, data);
}

/**
 * Decrypts data under a PKCS#5/PKCS#12 password-based scheme. Returns `null` when the password does not
 * fit (the padding check fails); throws ImportError for malformed or unsupported parameters.
 * `passwords` lists the encodings to try: an empty password has two spellings in the wild.
 */
export function pbeDecrypt(
  algorithm: Der | undefined,
  password: string,
  data: Buffer,
  part: string,
  budget: WorkBudget,
): Buffer | null {
  const [algOid, params] = seqOf(algorithm, part, 1);
  const id = oidOf(algOid, part);
  if (data.length === 0) throw unparseable(part, "holds no encrypted data");
  if (id === OID.pbes2) return pbes2Decrypt(params, password, data, part, budget);
  const scheme = PKCS12_PBE[id];
  if (!scheme)
    throw new ImportError("UNSUPPORTED", `The ${part} is encrypted with an unsupported scheme (${id}).`, part);
  const encodings = password === "" ? [bmpPassword(""), Buffer.alloc(0)] : [bmpPassword(password)];
  for (const encoded of encodings) {
    const plain = pkcs12PbeDecrypt(scheme, params, encoded, data, part, budget);
    if (plain) return plain;
  }
  return null;
}

/** RFC 7914 section 7: scrypt's parameters; `128 × N × r` bytes of memory, N × r × p block mixes of work. */
function scryptCostOf(params: Der | undefined, part: string): number {
  const [saltEl, nEl, rEl, pEl] = seqOf(params, part, 4);
  expectTag(saltEl, TAG.OCTET_STRING, part);
  const [n, r, p] = [nEl, rEl, pEl].map((el) => smallIntOf(el, part, Number.MAX_SAFE_INTEGER));
  if (n < 2 || r < 1 || p < 1) throw unparseable(part, "has malformed scrypt parameters");
  return scryptCost(n, r, p);
}

/**
 * Charges what OpenSSL will spend opening an encrypted PKCS#8 key (RFC 5958 EncryptedPrivateKeyInfo), read
 * with our own DER reader before OpenSSL sees the key: a scheme whose work cannot be read is refused.
 */
export function chargeEncryptedKey(der: Buffer, part: string, budget: WorkBudget): void {
  const [algorithm] = seqOf(parseDer(der, part), part, 2);
  const [algOid, params] = seqOf(algorithm, part, 1);
  const id = oidOf(algOid, part);
  if (id === OID.pbes2) {
    const [kdf, scheme] = seqOf(params, part, 2);
    const [kdfOid, kdfParams] = seqOf(kdf, part, 1);
    const kdfId = oidOf(kdfOid, part);
    if (kdfId === OID.scrypt) return budget.charge(scryptCostOf(kdfParams, part), part);
    if (kdfId !== OID.pbkdf2)
      throw new ImportError("UNSUPPORTED", `The ${part} uses a key derivation other than PBKDF2 or scrypt.`, part);
    const p = parsePbkdf2(kdfParams, part);
    // Without a stated length, assume the longest key a cipher takes (AES-256).
    const keyLength = p.keyLength ?? AES_CBC[oidOf(seqOf(scheme, part, 1)[0], part)]?.keyLength ?? 32;
    return budget.charge(pbkdf2Cost(p.iterations, keyLength, p.prf, hashSize(p.prf)), part);
  }
  const pkcs12 = PKCS12_PBE[id];
  if (!pkcs12 && !PBES1.has(id))
    throw new ImportError("UNSUPPORTED", `The ${part} is encrypted with an unsupported scheme (${id}).`, part);
  const [, iterEl] = seqOf(params, part, 2);
  if (pkcs12) {
    const iterations = iterationsOf(iterEl, part, MAX_PKCS12_KDF_ITERATIONS);
    budget.charge(pkcs12KdfCost(iterations, pkcs12.keyLength + 8, DIGESTS[SHA1].size), part);
  } else budget.charge(iterationsOf(iterEl, part, MAX_PBKDF2_ITERATIONS), part);
}
