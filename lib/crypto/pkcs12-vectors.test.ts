import { createPrivateKey, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ImportError } from "./import-error";
import { WorkBudget } from "./budget";
import { readPkcs12 } from "./pkcs12";
import { verifyKeystore } from "./keystore-rules";

const dir = path.resolve(__dirname, "../../tests/vectors/pkcs12");
interface Vector {
  file: string;
  password: string;
  expect: "ok" | "reject";
  leafCN?: string;
  leafSha256?: string;
  key?: string;
  caCerts?: number;
  notAfter?: string;
  reason?: string;
}
const { vectors } = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")) as { vectors: Vector[] };

describe("PKCS#12 vectors (tests/vectors/pkcs12/manifest.json)", () => {
  it("covers every vector in the manifest", () => expect(vectors.length).toBe(12));

  it.each(vectors.filter((v) => v.expect === "ok"))("$file: reads leaf, key and CA certificates", (v) => {
    const contents = readPkcs12(readFileSync(path.join(dir, v.file)), v.password, new WorkBudget());
    expect(contents.keys).toHaveLength(1);
    const key = createPrivateKey({ key: contents.keys[0], format: "der", type: "pkcs8" });
    const certs = contents.certificates.map((der) => new X509Certificate(der));
    const leaf = certs.find((c) => c.checkPrivateKey(key));
    expect(leaf).toBeDefined();
    if (v.leafCN) expect(leaf!.subject).toContain(`CN=${v.leafCN}`);
    if (v.leafSha256) expect(leaf!.fingerprint256).toBe(v.leafSha256);
    if (v.notAfter) expect(new Date(leaf!.validTo).toISOString()).toBe(v.notAfter.replace("Z", ".000Z"));
    if (v.key) expect(`${key.asymmetricKeyType!.toUpperCase()} ${key.asymmetricKeyDetails!.modulusLength}`).toBe(v.key);
    if (v.caCerts !== undefined) expect(certs.length - 1).toBe(v.caCerts);
  });

  it.each(vectors.filter((v) => v.expect === "reject"))("$file: refused ($reason)", (v) => {
    const attempt = () => readPkcs12(readFileSync(path.join(dir, v.file)), v.password, new WorkBudget());
    expect(attempt).toThrow(ImportError);
    try {
      attempt();
    } catch (e) {
      expect(["WRONG_PASSWORD", "INTEGRITY"]).toContain((e as ImportError).code);
    }
  });

  it.each(vectors.filter((v) => v.expect === "ok" && v.password !== ""))(
    "$file: a wrong password is named as such",
    (v) => {
      expect(() => readPkcs12(readFileSync(path.join(dir, v.file)), `${v.password}x`, new WorkBudget())).toThrow(
        expect.objectContaining({ code: "WRONG_PASSWORD", part: "password" }),
      );
    },
  );

  it("an expired leaf inside a PKCS#12 is refused unless the user accepts it", () => {
    const files = [{ name: "legacy.p12", bytes: readFileSync(path.join(dir, "testing-at-example-com-legacy.p12")) }];
    const now = new Date("2026-11-23T00:00:00Z");
    expect(() => verifyKeystore({ files, password: "", allowExpired: false, now })).toThrow(
      expect.objectContaining({ code: "EXPIRED" }),
    );
    const accepted = verifyKeystore({ files, password: "", allowExpired: true, now });
    expect(accepted.leafExpired).toBe(true);
    expect(accepted.chain[0].sha256).toBe(
      "C4:FD:96:E8:6A:4D:89:3D:0E:E8:A2:50:5A:A8:BC:D1:81:43:EA:2B:30:AE:C3:58:FE:5A:5C:7C:F5:68:42:D4",
    );
  });
});
