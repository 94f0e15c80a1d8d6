/**
 * Regenerates lib/tls/openssl-ciphers.json from the local OpenSSL: hex code, IANA name, OpenSSL name, protocol.
 * Run with `npm run gen:ciphers`. The output is committed so the app never shells out at runtime.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const TLS13_SUITES = [
  "TLS_AES_256_GCM_SHA384",
  "TLS_CHACHA20_POLY1305_SHA256",
  "TLS_AES_128_GCM_SHA256",
  "TLS_AES_128_CCM_SHA256",
  "TLS_AES_128_CCM_8_SHA256",
].join(":");

// Debian's OpenSSL 3 is built without 3DES suites, so `openssl ciphers` cannot name them; these are the
// IANA registry entries and OpenSSL's names for them (ssl/s3_lib.c), added so the catalogue stays complete.
const NOT_IN_LOCAL_OPENSSL = [
  {
    code: "0xC0,0x08",
    iana: "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA",
    openssl: "ECDHE-ECDSA-DES-CBC3-SHA",
    protocol: "SSLv3",
  },
  {
    code: "0xC0,0x12",
    iana: "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA",
    openssl: "ECDHE-RSA-DES-CBC3-SHA",
    protocol: "SSLv3",
  },
  { code: "0x00,0x16", iana: "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA", openssl: "DHE-RSA-DES-CBC3-SHA", protocol: "SSLv3" },
  { code: "0x00,0x13", iana: "TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA", openssl: "DHE-DSS-DES-CBC3-SHA", protocol: "SSLv3" },
  { code: "0x00,0x0A", iana: "TLS_RSA_WITH_3DES_EDE_CBC_SHA", openssl: "DES-CBC3-SHA", protocol: "SSLv3" },
];

const out = execFileSync(
  "openssl",
  ["ciphers", "-V", "-stdname", "-ciphersuites", TLS13_SUITES, "ALL:COMPLEMENTOFALL:@SECLEVEL=0"],
  { encoding: "utf8" },
);

const rows = out
  .split("\n")
  .map((line) => line.trim().match(/^(0x[0-9A-F]{2},0x[0-9A-F]{2}) - (\S+)\s+- (\S+)\s+(\S+)/))
  .filter((m): m is RegExpMatchArray => m !== null)
  .map(([, code, iana, openssl, protocol]) => ({ code, iana, openssl, protocol, inLocalOpenssl: true }));

const known = new Set(rows.map((r) => r.iana));
for (const extra of NOT_IN_LOCAL_OPENSSL) {
  if (!known.has(extra.iana)) rows.push({ ...extra, inLocalOpenssl: false });
}

const version = execFileSync("openssl", ["version"], { encoding: "utf8" }).trim();
const file = join(import.meta.dirname, "..", "lib", "tls", "openssl-ciphers.json");
writeFileSync(file, JSON.stringify({ generatedBy: version, suites: rows }, null, 2) + "\n");
console.log(`wrote ${rows.length} suites to ${file}`);
