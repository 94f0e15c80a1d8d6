/**
 * RC2-CBC decryption (RFC 2268). OpenSSL 3 keeps RC2 in its legacy provider, which Node does not load, yet
 * Windows and older tools still export PKCS#12 certificates under 40-bit RC2. Decryption only: we never
 * produce RC2 ciphertext.
 */
const PITABLE = Buffer.from(
  "d978f9c419ddb5ed28e9fd794aa0d89dc67e37832b76538e624c6488448bfba2179a59f587b34f1361456d8d09817d32bd8f40eb86b77b0bf09521225c6b4e8254d66593ce60b21c7356c014a78cf1dc1275ca1f3bbee4d1423dd430a33cb6266fbf0eda4669075727f21d9bbc944303f811c7f690ef3ee706c3d52fc8661ed708e8eade8052eef784aa72ac354d6a2a961ad2715a1549744b9fd05e0418a4ecc2e0416e0f51cbcc2491af50a1f47039997c3a8523b8b47afc02365b25559731" +
    "2d5dfa98e38a92ae05df2910676cbac9d300e6cfe19ea82c6316013f58e289a90d38341bab33ffb0bb480c5fb9b1cd2ec5f3db47e5a59c770aa62068fe7fc1ad",
  "hex",
);

function expandKey(key: Buffer, effectiveBits: number): Uint16Array {
  const L = new Uint8Array(128);
  L.set(key);
  const T = key.length;
  for (let i = T; i < 128; i++) L[i] = PITABLE[(L[i - 1] + L[i - T]) & 0xff];
  const T8 = Math.ceil(effectiveBits / 8);
  const TM = 0xff >> (8 * T8 - effectiveBits);
  L[128 - T8] = PITABLE[L[128 - T8] & TM];
  for (let i = 127 - T8; i >= 0; i--) L[i] = PITABLE[L[i + 1] ^ L[i + T8]];
  const K = new Uint16Array(64);
  for (let i = 0; i < 64; i++) K[i] = L[2 * i] | (L[2 * i + 1] << 8);
  return K;
}

const SHIFTS = [1, 2, 3, 5];

function decryptBlock(K: Uint16Array, block: Buffer): Buffer {
  const R = [block.readUInt16LE(0), block.readUInt16LE(2), block.readUInt16LE(4), block.readUInt16LE(6)];
  let j = 63;
  const mixRound = () => {
    for (let i = 3; i >= 0; i--) {
      const s = SHIFTS[i];
      R[i] = ((R[i] >>> s) | (R[i] << (16 - s))) & 0xffff;
      const a = R[(i + 3) % 4];
      const b = R[(i + 2) % 4];
      const c = R[(i + 1) % 4];
      R[i] = (R[i] - K[j--] - (a & b) - (~a & c)) & 0xffff;
    }
  };
  const mashRound = () => {
    for (let i = 3; i >= 0; i--) R[i] = (R[i] - K[R[(i + 3) % 4] & 63]) & 0xffff;
  };
  for (let r = 0; r < 5; r++) mixRound();
  mashRound();
  for (let r = 0; r < 6; r++) mixRound();
  mashRound();
  for (let r = 0; r < 5; r++) mixRound();
  const out = Buffer.alloc(8);
  R.forEach((w, i) => out.writeUInt16LE(w, i * 2));
  return out;
}

/** Raw block decryption, exported for the RFC 2268 known-answer tests. */
export function rc2DecryptBlock(key: Buffer, effectiveBits: number, block: Buffer): Buffer {
  return decryptBlock(expandKey(key, effectiveBits), block);
}

/** Decrypts RC2-CBC and strips PKCS#7 padding; `null` when the padding is wrong (wrong key or password). */
export function rc2CbcDecrypt(key: Buffer, effectiveBits: number, iv: Buffer, data: Buffer): Buffer | null {
  if (data.length === 0 || data.length % 8 !== 0 || iv.length !== 8) return null;
  const K = expandKey(key, effectiveBits);
  const out = Buffer.alloc(data.length);
  let prev = iv;
  for (let off = 0; off < data.length; off += 8) {
    const block = data.subarray(off, off + 8);
    const plain = decryptBlock(K, block);
    for (let i = 0; i < 8; i++) out[off + i] = plain[i] ^ prev[i];
    prev = block;
  }
  const pad = out[out.length - 1];
  if (pad < 1 || pad > 8) return null;
  for (let i = out.length - pad; i < out.length; i++) if (out[i] !== pad) return null;
  return out.subarray(0, out.length - pad);
}
