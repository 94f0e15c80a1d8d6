import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { encryptedKeyPem, nestedPfx, pfx, scryptKeyPem } from "../../tests/helpers/hostile-uploads";
import { UPLOAD_LIMITS, WorkBudget } from "./budget";
import { ImportError } from "./import-error";
import { verifyKeystore } from "./keystore-rules";
import { readPem } from "./pem";
import { readPkcs12 } from "./pkcs12";
import { issue } from "./pki";
import { verifyTruststore } from "./truststore-rules";

/** Reproductions from the hardening issue: each upload must be refused, typed and fast, before the work. */
const now = new Date("2026-12-01T12:00:00Z");
const ca = issue(now, { commonName: "Hostile CA", usage: "ca" });
const pair = issue(now, { commonName: "hostile.test", usage: "server" }, ca);
const keystore = (name: string, bytes: Buffer | string, password = "") =>
  verifyKeystore({ files: [{ name, bytes: Buffer.from(bytes) }], password, allowExpired: false, now });

/** The refusal `attempt` ends in; `withinMs` when it must come before any real work. */
function refusal(attempt: () => unknown, withinMs = Infinity): ImportError {
  const start = performance.now();
  try {
    attempt();
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    expect(performance.now() - start).toBeLessThan(withinMs);
    return e as ImportError;
  }
  throw new Error("the upload was accepted");
}

describe("one work budget per upload", () => {
  it("refuses an encrypted PKCS#8 key asking 5,000,000 PBKDF2 rounds before OpenSSL derives anything", () => {
    const fixture = readFileSync(path.resolve(__dirname, "../../tests/vectors/own/pbkdf2-5m-rounds.pem"));
    const e = refusal(
      () =>
        verifyKeystore({ files: [{ name: "k.pem", bytes: fixture }], password: "hostile", allowExpired: false, now }),
      1000,
    );
    expect(e).toMatchObject({ code: "TOO_MUCH_WORK", part: "private key in k.pem" });
    expect(e.message).toContain("needs too much work to open");
  });

  it("refuses an encrypted PKCS#8 key whose scrypt parameters ask for too much", () => {
    const e = refusal(() => keystore("k.pem", scryptKeyPem(1 << 20, 8, 16) + pair.certPem, "pw"), 1000);
    expect(e).toMatchObject({ code: "TOO_MUCH_WORK", part: "private key in k.pem" });
  });

  it("still opens an encrypted PKCS#8 key at an ordinary round count", () => {
    const m = keystore("k.pem", encryptedKeyPem(pair.privateKey, "pw", 2048) + pair.certPem + ca.certPem, "pw");
    expect(m.chain).toHaveLength(2);
  });

  it("sums every bag's derivations: a PKCS#12 with key bags of 500,000 rounds each is refused at the budget", () => {
    const spec = { key: pair.privateKey, certPem: pair.certPem, password: "pw", iterations: 500_000 };
    const perBag = 500_000;
    const bags = Math.floor(UPLOAD_LIMITS.work / perBag) + 1;
    const bytes = pfx({ ...spec, keyBags: bags });
    const e = refusal(() => readPkcs12(bytes, "pw", new WorkBudget()));
    expect(e).toMatchObject({ code: "TOO_MUCH_WORK", part: "private key" });
  }, 30_000);

  it("refuses a PBMAC1 key longer than its HMAC's hash (1,024 bytes: 32 times the work)", () => {
    const bytes = pfx({
      key: pair.privateKey,
      certPem: pair.certPem,
      password: "pw",
      keyBags: 1,
      iterations: 1,
      pbmac1KeyLength: 1024,
    });
    expect(refusal(() => readPkcs12(bytes, "pw", new WorkBudget()))).toMatchObject({ code: "INTEGRITY" });
    const fair = pfx({
      key: pair.privateKey,
      certPem: pair.certPem,
      password: "pw",
      keyBags: 1,
      iterations: 1,
      pbmac1KeyLength: 32,
    });
    expect(readPkcs12(fair, "pw", new WorkBudget()).keys).toHaveLength(1);
  });

  it("caps the certificates in one upload, counting repeats", () => {
    const bundle = ca.certPem.repeat(UPLOAD_LIMITS.certificates + 1);
    const e = refusal(() => verifyTruststore([{ name: "bundle.pem", bytes: Buffer.from(bundle) }], "", now));
    expect(e).toMatchObject({
      code: "TOO_MUCH_WORK",
      part: `certificate ${UPLOAD_LIMITS.certificates + 1} in bundle.pem`,
    });
  });

  it("caps the keys in one upload, even copies of the same key", () => {
    const e = refusal(() => keystore("k.pem", pair.keyPem.repeat(UPLOAD_LIMITS.keys + 1) + pair.certPem));
    expect(e).toMatchObject({ code: "TOO_MUCH_WORK" });
  });
});

describe("refusals come before the work", () => {
  it("refuses at the second distinct key, before reading the rest of the upload", () => {
    const other = issue(now, { commonName: "other.test", usage: "server" }, ca);
    const files = [
      { name: "k.pem", bytes: Buffer.from(pair.keyPem + other.keyPem) },
      { name: "damaged.pem", bytes: Buffer.from("-----BEGIN CERTIFICATE-----\n!!\n-----END CERTIFICATE-----\n") },
    ];
    const e = refusal(() => verifyKeystore({ files, password: "", allowExpired: false, now }));
    expect(e).toMatchObject({ code: "MULTIPLE_KEYS", part: "key" });
  });

  it("counts intermediates before ordering the chain", () => {
    const strays = Array.from(
      { length: 11 },
      (_, i) => issue(now, { commonName: `Stray ${i}`, usage: "ca" }, ca).certPem,
    );
    const e = refusal(() => keystore("k.pem", pair.keyPem + pair.certPem + strays.join("")));
    expect(e).toMatchObject({ code: "CHAIN_TOO_LONG" });
  });
});

describe("parsers stay linear and bounded", () => {
  it("refuses 1 MB of BEGIN lines with no END line quickly, with a typed error", () => {
    const line = "-----BEGIN A-----\n";
    const bytes = Buffer.from(line.repeat(Math.floor((1024 * 1024) / line.length)));
    const e = refusal(() => keystore("begin.pem", bytes), 1000);
    expect(e).toMatchObject({ code: "UNPARSEABLE" });
    expect(e.message).toContain("-----END A-----");
  });

  it("still reads blocks with text around them and CRLF line ends", () => {
    const text = `Bag Attributes\r\n${pair.certPem.replace(/\n/g, "\r\n")}trailing words\n${ca.certPem}`;
    expect(readPem(Buffer.from(text), "f.pem").map((b) => b.label)).toEqual(["CERTIFICATE", "CERTIFICATE"]);
  });

  it("refuses a PFX nested 30,000 levels deep (~133 KB) with a typed error, not a stack overflow", () => {
    const bytes = nestedPfx(30_000);
    expect(bytes.length).toBeGreaterThan(120_000);
    expect(refusal(() => keystore("deep.p12", bytes), 1000)).toMatchObject({ code: "UNPARSEABLE" });
  });
});
