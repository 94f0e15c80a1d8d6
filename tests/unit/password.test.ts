import { scryptSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashPassword, needsRehash, verifyPassword } from "@/lib/server/access/password";

/** A hash in the stored format, made with chosen parameters (as an older or stronger configuration would have). */
function storedHash(password: string, N: number, r: number, p: number): string {
  const salt = Buffer.from("0123456789abcdef");
  const key = scryptSync(password.normalize("NFKC"), salt, 32, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 });
  return ["scrypt", N, r, p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

describe("password hashes", () => {
  it("verify with the parameters stored in the hash, not today's", async () => {
    const weaker = storedHash("s3cret pass", 1024, 4, 2);
    const stronger = storedHash("s3cret pass", 32768, 8, 1);
    expect(await verifyPassword("s3cret pass", weaker)).toBe(true);
    expect(await verifyPassword("s3cret pass", stronger)).toBe(true);
    expect(await verifyPassword("other pass", weaker)).toBe(false);
  });

  it("ask for a rehash only when the parameters differ from today's", async () => {
    expect(needsRehash(storedHash("x", 1024, 4, 2))).toBe(true);
    expect(needsRehash(await hashPassword("x"))).toBe(false);
  });

  it("refuse malformed or absurd parameters without deriving anything", async () => {
    const good = storedHash("pw", 1024, 8, 1).split("$");
    const withParams = (N: string, r: string, p: string) => ["scrypt", N, r, p, good[4], good[5]].join("$");
    for (const bad of [
      withParams(String(2 ** 30), "8", "1"),
      withParams("1000", "8", "1"),
      withParams("1024", "0", "1"),
      withParams("1024", "8", "x"),
      "bcrypt$whatever",
      "",
    ]) {
      expect(await verifyPassword("pw", bad)).toBe(false);
    }
  });
});
