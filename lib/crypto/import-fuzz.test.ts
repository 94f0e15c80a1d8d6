import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toPem } from "./pem";
import { ImportError } from "./import-error";
import { verifyKeystore } from "./keystore-rules";
import { issue } from "./pki";
import { verifyTruststore } from "./truststore-rules";

/**
 * Mutated PEM, DER and PKCS#12 bytes must come back as a result or an ImportError, never anything else,
 * and never take a second. 10,000 cases in all.
 */
const now = new Date("2026-11-23T12:00:00Z");
const ca = issue(now, { commonName: "Fuzz CA", usage: "ca" });
const leaf = issue(now, { commonName: "fuzz.example.test", usage: "server", keyKind: "rsa-2048" }, ca);
const vectors = path.resolve(__dirname, "../../tests/vectors/pkcs12");
const derCert = Buffer.from(leaf.certPem.split("\n").slice(1, -2).join(""), "base64");

const seeds: { name: string; bytes: Buffer; password: string }[] = [
  { name: "bundle.pem", bytes: Buffer.from(leaf.keyPem + leaf.certPem + ca.certPem), password: "" },
  { name: "cert.der", bytes: derCert, password: "" },
  { name: "key.der", bytes: leaf.privateKey.export({ type: "pkcs8", format: "der" }), password: "" },
  {
    name: "modern.p12",
    bytes: readFileSync(path.join(vectors, "pbes2-aes128.p12")),
    password: "rHyQTJsubhfxcpH5JttyilHE6BBsNoZp",
  },
  { name: "legacy.p12", bytes: readFileSync(path.join(vectors, "windows-azure-tools-legacy.p12")), password: "" },
  { name: "pbmac1.p12", bytes: readFileSync(path.join(vectors, "rfc9579-a1.p12")), password: "1234" },
];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat(), value: fc.constant(0) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), value: fc.constant(0) }),
);

function mutate(bytes: Buffer, steps: { kind: string; at: number; value: number }[]): Buffer {
  let out = Buffer.from(bytes);
  for (const { kind, at, value } of steps) {
    const i = out.length === 0 ? 0 : at % out.length;
    if (kind === "flip") out[i] = value;
    else if (kind === "truncate") out = out.subarray(0, i);
    else if (kind === "insert") out = Buffer.concat([out.subarray(0, i), Buffer.from([value]), out.subarray(i)]);
    else out = Buffer.concat([out.subarray(0, i), out.subarray(i + 1)]);
  }
  return out;
}

function outcome(file: { name: string; bytes: Buffer }, password: string): string {
  try {
    verifyKeystore({ files: [file], password, allowExpired: true, now });
    return "ok";
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
  }
  try {
    verifyTruststore([file], password, now);
    return "ok";
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    return e.code;
  }
}

describe("import fuzzing", () => {
  it.each(seeds)(
    "$name: 1,667 mutated uploads end in a result or a typed error, each within 1 s",
    (seed) => {
      let slowest = 0;
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), (steps, asPem) => {
          const mutated = mutate(seed.bytes, steps);
          // Re-armouring binary seeds as PEM sends the same damage through the PEM path too.
          const bytes = asPem && !seed.name.endsWith(".pem") ? Buffer.from(toPem("CERTIFICATE", mutated)) : mutated;
          const start = performance.now();
          const result = outcome({ name: seed.name, bytes }, seed.password);
          slowest = Math.max(slowest, performance.now() - start);
          expect(typeof result).toBe("string");
        }),
        { numRuns: 1667, seed: 20261123 },
      );
      expect(slowest).toBeLessThan(1000);
    },
    300_000,
  );
});
