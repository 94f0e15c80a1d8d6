import "server-only";
import { AppError } from "@/lib/errors";

/** Fields a client may echo back from a GET; they are read-only and ignored on write. */
const READ_ONLY = [
  "id",
  "type",
  "api_version",
  "scope",
  "created_at",
  "updated_at",
  "updated_by",
  "row_version",
  "is_default",
  "used_by",
  "key_type",
  "subject",
  "not_after",
  "sha256_fingerprint",
  "expired_accepted",
  "certificates",
  "certificate_count",
  "warnings",
  "findings",
  "datapower_names",
  "url",
  "org_url",
];

export function withoutReadOnly(body: unknown): unknown {
  if (!body || typeof body !== "object" || Array.isArray(body)) return body;
  return Object.fromEntries(Object.entries(body).filter(([k]) => !READ_ONLY.includes(k)));
}

/** If-Match: "<row_version>" makes an update conditional on the version the client read. */
export function expectedRowVersion(req: Request): number | undefined {
  const header = req.headers.get("if-match");
  if (!header) return undefined;
  const match = header.match(/^(?:W\/)?"?(\d+)"?$/);
  if (!match) throw new AppError("BAD_REQUEST", 'If-Match must be an ETag returned by this API, e.g. "3".');
  return Number(match[1]);
}

export const etag = (rowVersion: number) => `"${rowVersion}"`;
