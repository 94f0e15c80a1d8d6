import "server-only";
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** Parameters for new hashes. Stored hashes keep their own, so raising these never locks anyone out. */
const CURRENT: ScryptParams = { N: 16384, r: 8, p: 1 };
const KEYLEN = 32;
// A stored hash is trusted data, but a corrupted or planted one must not make a sign-in allocate gigabytes.
const LIMITS = { N: 2 ** 20, r: 32, p: 16 };

function derive(password: string, salt: Buffer, { N, r, p }: ScryptParams): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node's default maxmem (32 MB) would refuse stronger stored parameters.
  const maxmem = 256 * N * r + 1024 * 1024;
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFKC"), salt, KEYLEN, { N, r, p, maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** Stored as "scrypt$N$r$p$salt$hash" so parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, CURRENT);
  return ["scrypt", CURRENT.N, CURRENT.r, CURRENT.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

function parse(stored: string) {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const sane =
    scheme === "scrypt" &&
    !!salt &&
    !!hash &&
    Object.values(params).every((v) => Number.isSafeInteger(v) && v >= 1) &&
    (params.N & (params.N - 1)) === 0 &&
    params.N > 1 &&
    params.N <= LIMITS.N &&
    params.r <= LIMITS.r &&
    params.p <= LIMITS.p;
  return sane ? { params, salt: Buffer.from(salt, "base64url"), hash: Buffer.from(hash, "base64url") } : null;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const actual = await derive(password, parsed.salt, parsed.params);
  return actual.length === parsed.hash.length && timingSafeEqual(actual, parsed.hash);
}

/** True when a stored hash was made with other parameters than new hashes get: rehash it at the next sign-in. */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  return !parsed || parsed.params.N !== CURRENT.N || parsed.params.r !== CURRENT.r || parsed.params.p !== CURRENT.p;
}

/** Spends the same time as a real check, so an unknown email cannot be told from a wrong password. */
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword("not-a-real-password");
  await verifyPassword(password, await dummyHash);
}
