/** Upload limits, shared by the browser's checks, the form action, the REST schema and the importer. */
export const MAX_UPLOAD_BYTES = 1024 * 1024;
export const MAX_UPLOAD_FILES = 4;
/** The same limit for a file sent as base64 in JSON (4 characters per 3 bytes). */
export const MAX_UPLOAD_BASE64_CHARS = Math.ceil(MAX_UPLOAD_BYTES / 3) * 4;
