import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { EnvelopeError, open, seal } from "./envelope";

const master = randomBytes(32);
const secret = Buffer.from("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI...\n");

describe("envelope encryption", () => {
  it("round-trips, and the ciphertext does not contain the plaintext", () => {
    const sealed = seal(master, "ks_1", secret);
    expect(open(master, "ks_1", sealed).equals(secret)).toBe(true);
    expect(Buffer.from(sealed.keyCiphertext, "base64").includes(secret.subarray(0, 16))).toBe(false);
    expect(seal(master, "ks_1", secret).keyCiphertext).not.toBe(sealed.keyCiphertext);
  });

  it("fails when the ciphertext is moved to another record or altered", () => {
    const a = seal(master, "ks_a", secret);
    const b = seal(master, "ks_b", Buffer.from("other"));
    expect(() => open(master, "ks_b", a)).toThrow(EnvelopeError);
    expect(() => open(master, "ks_b", { ...b, keyCiphertext: a.keyCiphertext })).toThrow(EnvelopeError);
    const tampered = Buffer.from(a.keyCiphertext, "base64");
    tampered[tampered.length - 1] ^= 1;
    expect(() => open(master, "ks_a", { ...a, keyCiphertext: tampered.toString("base64") })).toThrow(EnvelopeError);
  });

  it("names a changed master key", () => {
    const sealed = seal(master, "ks_1", secret);
    expect(() => open(randomBytes(32), "ks_1", sealed)).toThrow(/different master key/);
  });
});
