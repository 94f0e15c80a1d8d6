import "server-only";
import type { UploadFile } from "@/lib/crypto/upload";
import { AppError } from "@/lib/errors";
import { ZKeystoreMaterialBody, ZTruststoreMaterialBody } from "@/lib/tls/store-schema";
import { ZCertificateBody } from "@/lib/tls/key-request";
import type { SignedCertificate } from "@/lib/server/stores/keystore-generation";
import type { MaterialUpload } from "@/lib/server/stores/keystores";
import type { CertificateUpload } from "@/lib/server/stores/truststores";
import { withoutReadOnly } from "@/lib/server/faces/rest/body";

const META = ["title", "name", "summary"] as const;

/** Splits a JSON body into the store's descriptive fields and its key material. */
function split(body: unknown): { meta: Record<string, unknown>; material: Record<string, unknown> } {
  const clean = withoutReadOnly(body);
  if (!clean || typeof clean !== "object" || Array.isArray(clean))
    throw new AppError("VALIDATION", "The body must be a JSON object.");
  const meta: Record<string, unknown> = {};
  const material: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(clean)) ((META as readonly string[]).includes(k) ? meta : material)[k] = v;
  return { meta, material };
}

function base64File(field: string, text: string): UploadFile {
  const compact = text.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact))
    throw new AppError("VALIDATION", `${field} must be base64.`, [{ field, message: "Must be base64" }]);
  return { name: field, bytes: Buffer.from(compact, "base64") };
}

/**
 * Each uploaded "file" is named after its JSON field, so a problem found in it is reported at that field;
 * a problem of the whole upload (key does not match, chain broken) goes to the first one sent.
 */
function fieldOf(files: UploadFile[]) {
  return (part: string) => {
    const exact = files.find((f) => part === f.name || part.endsWith(` in ${f.name}`));
    if (exact) return exact.name;
    const named = part === "key" ? "private_key" : part === "certificate" ? "certificate" : undefined;
    return files.find((f) => f.name === named)?.name ?? files[0].name;
  };
}

/** A create body that asks for a generated key: its descriptive fields and `generate`, nothing else. */
export function generateBody(body: unknown): { meta: Record<string, unknown>; generate: unknown } | null {
  const { meta, material } = split(body);
  if (!("generate" in material)) return null;
  const { generate, ...rest } = material;
  const extra = Object.keys(rest);
  if (extra.length)
    throw new AppError("VALIDATION", "Send either generate or key material, not both.", [
      { field: extra[0], message: "Not allowed together with generate" },
    ]);
  return { meta, generate };
}

/**
 * The signed certificate completing a keystore: PEM as text (a certificate, its chain, or a PKCS#7 bundle), or a DER
 * certificate or PKCS#7 bundle as base64. Every problem is reported at `certificate`.
 */
export function certificateBody(body: unknown): SignedCertificate {
  const { certificate, allow_expired } = ZCertificateBody.parse(withoutReadOnly(body));
  const file = certificate.includes("-----BEGIN")
    ? { name: "certificate", bytes: Buffer.from(certificate, "utf8") }
    : base64File("certificate", certificate);
  return { files: [file], allowExpired: allow_expired };
}

export function keystoreBody(
  body: unknown,
  requireMeta: boolean,
): { meta: Record<string, unknown>; upload: MaterialUpload } {
  const { meta, material } = split(body);
  if (!requireMeta && Object.keys(meta).length)
    throw new AppError("VALIDATION", "Only key material may be sent here; change title and summary with PATCH.");
  const m = ZKeystoreMaterialBody.parse(material);
  const files: UploadFile[] = [];
  for (const field of ["keystore", "private_key", "certificate"] as const) {
    const text = m[field];
    if (text !== undefined) files.push({ name: field, bytes: Buffer.from(text, "utf8") });
  }
  if (m.pkcs12 !== undefined) files.push(base64File("pkcs12", m.pkcs12));
  return { meta, upload: { files, password: m.password, allowExpired: m.allow_expired, fileField: fieldOf(files) } };
}

export function truststoreBody(
  body: unknown,
  requireMeta: boolean,
): { meta: Record<string, unknown>; upload: CertificateUpload } {
  const { meta, material } = split(body);
  if (!requireMeta && Object.keys(meta).length) throw new AppError("VALIDATION", "Only certificates may be sent here.");
  const m = ZTruststoreMaterialBody.parse(material);
  const files =
    m.truststore !== undefined
      ? [{ name: "truststore", bytes: Buffer.from(m.truststore, "utf8") }]
      : [base64File("pkcs12", m.pkcs12!)];
  return { meta, upload: { files, password: m.password, fileField: fieldOf(files) } };
}
