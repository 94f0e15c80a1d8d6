import "server-only";
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES } from "@/lib/crypto/limits";
import type { UploadFile } from "@/lib/crypto/upload";
import { AppError } from "@/lib/errors";
import type { SignedCertificate } from "@/lib/server/stores/keystore-generation";
import type { MaterialUpload } from "@/lib/server/stores/keystores";

/** The upload form's file input; every problem with a file is shown there, naming the file. */
const FILE_FIELD = "files";

/**
 * Reads an upload form: files (checked against the 1 MB limit before being read), the one-time password
 * and "upload anyway". Title, name and summary come back separately for the metadata schema.
 */
export async function uploadFromForm(
  form: FormData,
): Promise<{ meta: Record<string, string>; upload: MaterialUpload }> {
  const files: UploadFile[] = [];
  for (const entry of form.getAll(FILE_FIELD)) {
    if (typeof entry === "string") continue;
    if (entry.size > MAX_UPLOAD_BYTES)
      throw new AppError("PAYLOAD_TOO_LARGE", `${entry.name} is larger than the 1 MB limit.`, [
        { field: FILE_FIELD, message: `${entry.name} is larger than 1 MB` },
      ]);
    files.push({ name: entry.name, bytes: Buffer.from(await entry.arrayBuffer()) });
  }
  if (files.length === 0)
    throw new AppError("VALIDATION", "Add at least one file.", [
      { field: FILE_FIELD, message: "Add at least one file" },
    ]);
  if (files.length > MAX_UPLOAD_FILES)
    throw new AppError("VALIDATION", `Upload at most ${MAX_UPLOAD_FILES} files.`, [
      { field: FILE_FIELD, message: `At most ${MAX_UPLOAD_FILES} files` },
    ]);
  const text = (key: string) => {
    const v = form.get(key);
    return typeof v === "string" ? v : undefined;
  };
  const meta = Object.fromEntries(
    ["title", "name", "summary"].flatMap((k) => (text(k) !== undefined ? [[k, text(k)!]] : [])),
  );
  return {
    meta,
    upload: {
      files,
      password: text("password") ?? "",
      allowExpired: text("allow_expired") === "true",
      fileField: () => FILE_FIELD,
    },
  };
}

/**
 * Reads the form completing a keystore: the signed certificate as a file (PEM, DER or PKCS#7) or pasted as text
 * (`certificate`), and "upload anyway". Every problem is reported at the `certificate` field.
 */
export async function signedCertificateFromForm(form: FormData): Promise<SignedCertificate> {
  const files: UploadFile[] = [];
  const entry = form.get(FILE_FIELD);
  const pasted = form.get("certificate");
  if (entry && typeof entry !== "string") {
    if (entry.size > MAX_UPLOAD_BYTES)
      throw new AppError("PAYLOAD_TOO_LARGE", `${entry.name} is larger than the 1 MB limit.`, [
        { field: "certificate", message: `${entry.name} is larger than 1 MB` },
      ]);
    files.push({ name: entry.name, bytes: Buffer.from(await entry.arrayBuffer()) });
  } else if (typeof pasted === "string" && pasted.trim()) {
    if (pasted.length > MAX_UPLOAD_BYTES)
      throw new AppError("PAYLOAD_TOO_LARGE", "The pasted certificate is larger than 1 MB.", [
        { field: "certificate", message: "Larger than 1 MB" },
      ]);
    files.push({ name: "pasted certificate", bytes: Buffer.from(pasted, "utf8") });
  }
  return { files, allowExpired: form.get("allow_expired") === "true" };
}
