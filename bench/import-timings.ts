import { readFileSync } from "node:fs";
import { join } from "node:path";
import { verifyKeystore } from "@/lib/crypto/keystore-rules";
import { issue, type IssuedPair } from "@/lib/crypto/pki";

/** p50 of verifying one upload, in process: PEM with 10 intermediates, modern and legacy PKCS#12. */
export function importTimings(n: number) {
  const now = new Date();
  let issuer: IssuedPair = issue(now, { commonName: "Bench root", usage: "ca" });
  const chain: string[] = [issuer.certPem];
  for (let i = 0; i < 10; i++) {
    issuer = issue(now, { commonName: `Bench intermediate ${i}`, usage: "ca" }, issuer);
    chain.unshift(issuer.certPem);
  }
  const leaf = issue(now, { commonName: "bench.test", usage: "server" }, issuer);
  const vectors = join(import.meta.dirname, "..", "tests", "vectors", "pkcs12");
  const cases = {
    "PEM, leaf + 10 intermediates + root": {
      bytes: Buffer.from(leaf.keyPem + leaf.certPem + chain.join("")),
      password: "",
      name: "chain.pem",
    },
    "PKCS#12 modern (PBES2 AES, 2048 rounds)": {
      bytes: readFileSync(join(vectors, "pbes2-aes128.p12")),
      password: "rHyQTJsubhfxcpH5JttyilHE6BBsNoZp",
      name: "m.p12",
    },
    "PKCS#12 legacy (RC2-40 + 3DES, SHA-1 MAC)": {
      bytes: readFileSync(join(vectors, "testing-at-example-com-legacy.p12")),
      password: "",
      name: "l.p12",
    },
  };
  const out: Record<string, { p50ms: number; p95ms: number }> = {};
  for (const [label, c] of Object.entries(cases)) {
    const ms: number[] = [];
    for (let i = 0; i < n + 3; i++) {
      const t = performance.now();
      verifyKeystore({ files: [{ name: c.name, bytes: c.bytes }], password: c.password, allowExpired: true, now });
      if (i >= 3) ms.push(performance.now() - t); // first runs warm up the JIT
    }
    ms.sort((a, b) => a - b);
    const at = (p: number) => Math.round(ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] * 100) / 100;
    out[label] = { p50ms: at(0.5), p95ms: at(0.95) };
  }
  return out;
}
