import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { MAX_UPLOAD_BYTES } from "@/lib/crypto/limits";
import type { PendingSource } from "@/lib/server/stores/keystore-pending";
import type { MaterialUpload } from "@/lib/server/stores/keystores";
import { withoutReadOnly } from "@/lib/server/faces/rest/body";
import { readJson } from "@/lib/server/faces/rest/handler";
import { keystoreBody } from "@/lib/server/faces/rest/material-body";
import { ZRestoreBody } from "@/lib/tls/rotation-schema";

/** `POST …/pending`: the upload fields of a rotation, or `generate` (a ZKeyRequest) — nothing else. */
export function pendingBody(body: unknown): PendingSource {
  const clean = withoutReadOnly(body);
  if (clean && typeof clean === "object" && !Array.isArray(clean) && "generate" in clean) {
    const { generate, ...rest } = clean as Record<string, unknown>;
    const extra = Object.keys(rest);
    if (extra.length)
      throw new AppError("VALIDATION", "Send either generate or key material, not both.", [
        { field: extra[0], message: "Not allowed together with generate" },
      ]);
    return { generate };
  }
  return { upload: keystoreBody(clean, false).upload };
}

const ZPem = z.string().max(MAX_UPLOAD_BYTES, "At most 1 MB");

/** An entry as API Connect sends it: `{pem}`, or the PEM text itself. */
const ZEntry = z.union([ZPem, z.strictObject({ pem: ZPem })]).transform((e) => (typeof e === "string" ? e : e.pem));

const ZEntries = z.strictObject({
  private_key_entry: ZEntry,
  public_certificate_entry: ZEntry,
  password: z.string().max(1024).default(""),
  allow_expired: z.boolean().default(false),
  confirm: z.array(z.string().trim().max(64)).max(20).default([]),
});

/**
 * API Connect's keystore update fields (`private_key_entry`, `public_certificate_entry: {pem}`) on PATCH: an
 * immediate rotation, with the diff's warnings to confirm (ADR 026). Null when the body carries neither field.
 */
export function apicEntriesBody(body: unknown): { upload: MaterialUpload; confirm: string[] } | null {
  const clean = withoutReadOnly(body);
  if (!clean || typeof clean !== "object" || Array.isArray(clean)) return null;
  if (!("private_key_entry" in clean) && !("public_certificate_entry" in clean)) return null;
  const e = ZEntries.parse(clean);
  const files = [
    { name: "private_key_entry", bytes: Buffer.from(e.private_key_entry, "utf8") },
    { name: "public_certificate_entry", bytes: Buffer.from(e.public_certificate_entry, "utf8") },
  ];
  const fileField = (part: string) =>
    files.find((f) => part === f.name || part.endsWith(` in ${f.name}`))?.name ??
    (part === "key" ? "private_key_entry" : "public_certificate_entry");
  return {
    upload: { files, password: e.password, allowExpired: e.allow_expired, fileField },
    confirm: e.confirm,
  };
}

/**
 * `PUT …/material`: the upload fields, and `confirm` — the warning codes of the replacement's diff, as on activation
 * (ADR 026). A replacement without warnings needs none, so API Connect clients send the body they always sent.
 */
export function replacementBody(body: unknown): { upload: MaterialUpload; confirm: string[] } {
  const clean = withoutReadOnly(body);
  if (!clean || typeof clean !== "object" || Array.isArray(clean) || !("confirm" in clean))
    return { upload: keystoreBody(clean, false).upload, confirm: [] };
  const { confirm, ...material } = clean as Record<string, unknown>;
  return { upload: keystoreBody(material, false).upload, confirm: ZRestoreBody.parse({ confirm }).confirm };
}

/** A body that may be left out (activate now with nothing to confirm): no body reads as `{}`, else JSON as always. */
export async function optionalJson(req: Request): Promise<unknown> {
  if (req.headers.get("content-type")) return readJson(req);
  if ((await req.arrayBuffer()).byteLength === 0) return {};
  throw new AppError("BAD_REQUEST", "Content-Type must be application/json.");
}
