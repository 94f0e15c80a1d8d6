import { issue, type IssuedPair } from "@/lib/crypto/pki";
import type { MaterialUpload } from "@/lib/server/stores/keystores";

/** A small PKI for tests: one CA, and uploads shaped as the data layer takes them. */
const now = new Date();
export const testCa = issue(now, { commonName: "Test CA", usage: "ca" });

export function leaf(commonName = "localhost", usage: "server" | "client" = "server", days = 365): IssuedPair {
  return issue(now, { commonName, usage, dnsNames: [commonName], toDays: days }, testCa);
}

export function pemUpload(text: string, options: Partial<MaterialUpload> = {}): MaterialUpload {
  return {
    files: [{ name: "upload.pem", bytes: Buffer.from(text) }],
    password: "",
    allowExpired: false,
    fileField: () => "file",
    ...options,
  };
}

export const keystoreUpload = (pair: IssuedPair, options: Partial<MaterialUpload> = {}) =>
  pemUpload(pair.keyPem + pair.certPem + testCa.certPem, options);
