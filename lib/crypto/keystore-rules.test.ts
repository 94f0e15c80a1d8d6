import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateKey } from "./cert-builder";
import { verifyKeystore } from "./keystore-rules";
import { issue } from "./pki";
import { verifyTruststore } from "./truststore-rules";

const now = new Date("2026-11-23T12:00:00Z");
const file = (name: string, text: string) => ({ name, bytes: Buffer.from(text) });
const ca = issue(now, { commonName: "Test Root", usage: "ca", toDays: 3650 });
const intermediate = issue(now, { commonName: "Test Intermediate", usage: "ca" }, ca);
const leaf = issue(
  now,
  { commonName: "api.example.test", usage: "server", dnsNames: ["api.example.test"] },
  intermediate,
);
const run = (files: { name: string; bytes: Buffer }[], password = "", allowExpired = false) =>
  verifyKeystore({ files, password, allowExpired, now });

describe("keystore upload rules", () => {
  it("accepts one PEM with chain and key, and puts an unordered chain in order", () => {
    const m = run([file("bundle.pem", ca.certPem + leaf.keyPem + leaf.certPem + intermediate.certPem)]);
    expect(m.chain.map((c) => c.subject)).toEqual(["CN=api.example.test", "CN=Test Intermediate", "CN=Test Root"]);
    expect(m.keyDescription).toEqual({ type: "EC", bits: 256, curve: "P-256" });
    expect(m.chain[0].subjectAltNames).toEqual(["DNS:api.example.test"]);
    expect(m.chain[0].signatureAlgorithm).toBe("ecdsa-with-SHA256");
    expect(m.chain[2].isCA).toBe(true);
    expect(m.warnings).toEqual([]);
  });

  it("accepts a key file plus a certificate file", () => {
    const m = run([file("key.pem", leaf.keyPem), file("chain.pem", leaf.certPem + intermediate.certPem)]);
    expect(m.chain).toHaveLength(2);
  });

  it.each([
    ["PKCS#1 RSA", "rsa-2048", { type: "pkcs1", format: "pem" }],
    ["SEC1 EC P-384", "ec-p384", { type: "sec1", format: "pem" }],
    ["PKCS#8 Ed25519", "ed25519", { type: "pkcs8", format: "pem" }],
  ] as const)("reads %s keys", (_label, kind, encoding) => {
    const pair = issue(now, { commonName: "k", usage: "server", keyKind: kind }, ca);
    const keyPem = pair.privateKey.export(encoding).toString();
    expect(run([file("k.pem", keyPem + pair.certPem)]).keyDescription.type).toMatch(/RSA|EC|Ed25519/);
  });

  it.each([
    ["encrypted PKCS#8", { type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "s3cret" }],
    ["legacy encrypted PEM", { type: "pkcs1", format: "pem", cipher: "des-ede3-cbc", passphrase: "s3cret" }],
  ] as const)("reads the %s key with its password, names a missing or wrong one", (_label, encoding) => {
    const pair = issue(now, { commonName: "k", usage: "server", keyKind: "rsa-2048" }, ca);
    const files = [file("k.pem", pair.privateKey.export(encoding).toString()), file("c.pem", pair.certPem)];
    expect(run(files, "s3cret").keyDescription).toEqual({ type: "RSA", bits: 2048 });
    expect(() => run(files, "")).toThrow(expect.objectContaining({ code: "PASSWORD_REQUIRED", part: "password" }));
    expect(() => run(files, "wrong")).toThrow(expect.objectContaining({ code: "WRONG_PASSWORD", part: "password" }));
  });

  it("refuses a key that does not match the leaf certificate", () => {
    const other = issue(now, { commonName: "other", usage: "server" }, ca);
    expect(() => run([file("k.pem", other.keyPem), file("c.pem", leaf.certPem)])).toThrow(
      expect.objectContaining({ code: "KEY_MISMATCH", message: expect.stringContaining("api.example.test") }),
    );
  });

  it("refuses a chain with a certificate that did not sign the one before it", () => {
    const stranger = issue(now, { commonName: "Stranger CA", usage: "ca" });
    expect(() => run([file("b.pem", leaf.keyPem + leaf.certPem + stranger.certPem)])).toThrow(
      expect.objectContaining({ code: "CHAIN_NOT_CONNECTED", message: expect.stringContaining("Stranger CA") }),
    );
  });

  it("refuses more than 10 intermediates, accepts 10", () => {
    const chainOf = (n: number) => {
      let issuer = ca;
      const certs = [];
      for (let i = 0; i < n; i++) {
        issuer = issue(now, { commonName: `Intermediate ${i}`, usage: "ca" }, issuer);
        certs.push(issuer.certPem);
      }
      const end = issue(now, { commonName: "deep", usage: "server" }, issuer);
      return [file("deep.pem", end.keyPem + end.certPem + certs.reverse().join(""))];
    };
    expect(run(chainOf(10)).chain).toHaveLength(11);
    expect(() => run(chainOf(11))).toThrow(expect.objectContaining({ code: "CHAIN_TOO_LONG" }));
  });

  it("refuses an expired leaf unless the user ticks upload anyway; refuses a not-yet-valid one", () => {
    const expired = issue(now, { commonName: "old", usage: "server", fromDays: -400, toDays: -2 }, ca);
    const files = [file("e.pem", expired.keyPem + expired.certPem)];
    expect(() => run(files)).toThrow(expect.objectContaining({ code: "EXPIRED", part: "allowExpired" }));
    const accepted = run(files, "", true);
    expect(accepted.leafExpired).toBe(true);
    expect(accepted.warnings.map((w) => w.code)).toContain("EXPIRED");
    const future = issue(now, { commonName: "future", usage: "server", fromDays: 3, toDays: 300 }, ca);
    expect(() => run([file("f.pem", future.keyPem + future.certPem)])).toThrow(
      expect.objectContaining({ code: "NOT_YET_VALID" }),
    );
  });

  it("refuses RSA keys under 2048 bits and warns about SHA-1 signatures and expiry within 30 days", () => {
    const weak = issue(now, { commonName: "weak", usage: "server", keyKind: "rsa-1024" }, ca);
    expect(() => run([file("w.pem", weak.keyPem + weak.certPem)])).toThrow(
      expect.objectContaining({ code: "WEAK_KEY" }),
    );
    const sha1 = issue(
      now,
      { commonName: "sha1", usage: "server", keyKind: "rsa-2048", toDays: 20 },
      issue(now, { commonName: "RSA CA", usage: "ca", keyKind: "rsa-2048" }),
    );
    const codes = run([file("s.pem", sha1.keyPem + sha1.certPem)]).warnings.map((w) => w.code);
    expect(codes).toContain("EXPIRES_SOON");
    const sha1Signed = issue(now, { commonName: "sha1-signed", usage: "server", hash: "sha1" }, ca);
    expect(run([file("s1.pem", sha1Signed.keyPem + sha1Signed.certPem)]).warnings.map((w) => w.code)).toContain(
      "SHA1_SIGNATURE",
    );
  });

  it("names what is missing or unreadable", () => {
    expect(() => run([file("c.pem", leaf.certPem)])).toThrow(expect.objectContaining({ code: "NO_PRIVATE_KEY" }));
    expect(() => run([file("k.pem", leaf.keyPem)])).toThrow(expect.objectContaining({ code: "NO_CERTIFICATE" }));
    expect(() => run([file("junk.pem", "hello")])).toThrow(
      expect.objectContaining({ code: "UNPARSEABLE", part: "junk.pem" }),
    );
    const broken = leaf.certPem.replace(/\n[A-Za-z0-9+/]{10}/, "\n!!!!!!!!!!");
    expect(() => run([file("b.pem", leaf.keyPem + broken)])).toThrow(expect.objectContaining({ code: "UNPARSEABLE" }));
    expect(() => run([{ name: "big.pem", bytes: Buffer.alloc(1024 * 1024 + 1, 65) }])).toThrow(
      expect.objectContaining({ code: "TOO_LARGE" }),
    );
    const two = generateKey("ec-p256").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(() => run([file("two.pem", leaf.keyPem + two + leaf.certPem)])).toThrow(
      expect.objectContaining({ code: "MULTIPLE_KEYS" }),
    );
  });

  it("two keys of different types are refused, and leave nothing behind that fails the next upload on the thread", () => {
    const rsa = generateKey("rsa-2048").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    // Made first: generating a key clears the thread's OpenSSL error queue, which would hide the fault.
    const pair = issue(now, { commonName: "next.example.test", usage: "server", keyKind: "rsa-2048" }, ca);
    expect(() => run([file("two.pem", leaf.keyPem + rsa + leaf.certPem)])).toThrow(
      expect.objectContaining({ code: "MULTIPLE_KEYS" }),
    );
    expect(run([file("next.pem", pair.keyPem + pair.certPem + ca.certPem)]).keyDescription.type).toBe("RSA");
  });
});

describe("truststore upload rules", () => {
  it("merges duplicates and warns about non-CA and expired certificates", () => {
    const expiredCa = issue(now, { commonName: "Old CA", usage: "ca", fromDays: -900, toDays: -1 });
    const m = verifyTruststore(
      [file("bundle.pem", ca.certPem + ca.certPem + leaf.certPem + expiredCa.certPem)],
      "",
      now,
    );
    expect(m.certificates.map((c) => c.subject)).toEqual(["CN=Test Root", "CN=api.example.test", "CN=Old CA"]);
    expect(m.warnings.map((w) => w.code).sort()).toEqual(["EXPIRED", "NOT_CA"]);
  });

  it("reads a certificate-only PKCS#12 with its password", () => {
    const bytes = readFileSync(path.resolve(__dirname, "../../tests/vectors/own/cert-only-two-cas.p12"));
    const m = verifyTruststore([{ name: "cas.p12", bytes }], "trust-me", now);
    expect(m.certificates.map((c) => c.subject)).toEqual(["CN=Cert-only PKCS12 CA", "CN=Cert-only PKCS12 CA 2"]);
    expect(() => verifyTruststore([{ name: "cas.p12", bytes }], "", now)).toThrow(
      expect.objectContaining({ code: "PASSWORD_REQUIRED" }),
    );
  });

  it("refuses private keys", () => {
    expect(() => verifyTruststore([file("b.pem", leaf.keyPem + leaf.certPem)], "", now)).toThrow(
      expect.objectContaining({ code: "UNSUPPORTED" }),
    );
  });
});
