import { createCipheriv, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { EnvelopeError, isLegacy, masterKeyId, open, seal, type Sealed } from "./envelope";

const master = randomBytes(32);
const secret = Buffer.from("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI...\n");
const at = (record: string, orgId = "org_a") => ({ orgId, record });

/** A value as it was sealed before the organization joined the binding (the record alone). */
function legacySeal(record: string, plain: Buffer): Sealed {
  const layer = (key: Buffer, data: Buffer, aad: string) => {
    const iv = randomBytes(12);
    const c = createCipheriv("aes-256-gcm", key, iv).setAAD(Buffer.from(aad));
    const body = Buffer.concat([c.update(data), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), body]).toString("base64");
  };
  const dataKey = randomBytes(32);
  return {
    keyCiphertext: layer(dataKey, plain, `data:${record}`),
    wrappedDataKey: layer(master, dataKey, `wrap:${record}`),
    masterKeyId: masterKeyId(master),
  };
}

describe("envelope encryption", () => {
  it("round-trips, and the ciphertext does not contain the plaintext", () => {
    const sealed = seal(master, at("ks_1"), secret);
    expect(open(master, at("ks_1"), sealed).equals(secret)).toBe(true);
    expect(Buffer.from(sealed.keyCiphertext, "base64").includes(secret.subarray(0, 16))).toBe(false);
    expect(seal(master, at("ks_1"), secret).keyCiphertext).not.toBe(sealed.keyCiphertext);
  });

  it("fails when the ciphertext is moved to another record or altered", () => {
    const a = seal(master, at("ks_a"), secret);
    const b = seal(master, at("ks_b"), Buffer.from("other"));
    expect(() => open(master, at("ks_b"), a)).toThrow(EnvelopeError);
    expect(() => open(master, at("ks_b"), { ...b, keyCiphertext: a.keyCiphertext })).toThrow(EnvelopeError);
    const tampered = Buffer.from(a.keyCiphertext.slice(3), "base64");
    tampered[tampered.length - 1] ^= 1;
    expect(() => open(master, at("ks_a"), { ...a, keyCiphertext: "v2:" + tampered.toString("base64") })).toThrow(
      EnvelopeError,
    );
  });

  it("fails when the record is moved to another organization", () => {
    const sealed = seal(master, at("ks_1", "org_a"), secret);
    expect(() => open(master, at("ks_1", "org_b"), sealed)).toThrow(EnvelopeError);
  });

  it("still opens a value sealed before the organization was bound, and marks it for re-sealing", () => {
    const legacy = legacySeal("ks_1", secret);
    expect(isLegacy(legacy)).toBe(true);
    expect(open(master, at("ks_1"), legacy).equals(secret)).toBe(true);
    expect(() => open(master, at("ks_2"), legacy)).toThrow(EnvelopeError);
    expect(isLegacy(seal(master, at("ks_1"), secret))).toBe(false);
  });

  it("cannot be downgraded by stripping the version of a value that binds the organization", () => {
    const sealed = seal(master, at("ks_1", "org_a"), secret);
    const stripped = {
      ...sealed,
      keyCiphertext: sealed.keyCiphertext.slice(3),
      wrappedDataKey: sealed.wrappedDataKey.slice(3),
    };
    expect(() => open(master, at("ks_1", "org_b"), stripped)).toThrow(EnvelopeError);
    expect(() => open(master, at("ks_1", "org_a"), { ...sealed, wrappedDataKey: stripped.wrappedDataKey })).toThrow(
      EnvelopeError,
    );
  });

  it("names a changed master key", () => {
    const sealed = seal(master, at("ks_1"), secret);
    expect(() => open(randomBytes(32), at("ks_1"), sealed)).toThrow(/different master key/);
  });
});
