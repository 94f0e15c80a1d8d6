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
  "url",
  "org_url",
];

export function withoutReadOnly(body: unknown): unknown {
  if (!body || typeof body !== "object" || Array.isArray(body)) return body;
  return Object.fromEntries(Object.entries(body).filter(([k]) => !READ_ONLY.includes(k)));
}

/** A PATCH addresses one (name, version); echoing them is fine, changing them is not (create a new version instead). */
export function patchBody(body: unknown, name: string, version: string): unknown {
  const clean = withoutReadOnly(body);
  if (!clean || typeof clean !== "object" || Array.isArray(clean)) return clean;
  const { name: n, version: v, ...rest } = clean as Record<string, unknown>;
  const errors = [];
  if (n !== undefined && n !== name) errors.push({ field: "name", message: "The name cannot be changed." });
  if (v !== undefined && v !== version)
    errors.push({ field: "version", message: "The version cannot be changed; create a new version instead." });
  if (errors.length) throw new AppError("VALIDATION", errors[0].message, errors);
  return rest;
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
