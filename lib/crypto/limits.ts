/**
 * Upload limits, shared by the browser's checks, the form action, the REST schema, the importer and next.config.ts.
 * The limit is per decoded file; every request limit below is derived from it, so the faces cannot disagree.
 */
export const MAX_UPLOAD_BYTES = 1024 * 1024;
export const MAX_UPLOAD_FILES = 4;

/** Room for everything in a request besides the files: field names, title, summary, password, multipart headers. */
const REQUEST_SLACK_BYTES = 64 * 1024;

/** A 1 MB file as base64 (4 characters per 3 bytes), with a line break every 76 characters as MIME writes it. */
export const MAX_UPLOAD_BASE64_CHARS = Math.ceil((Math.ceil(MAX_UPLOAD_BYTES / 3) * 4 * 78) / 76);

/** A REST JSON body: every file at its largest, base64 (PEM text escapes no more than base64 grows). */
export const MAX_JSON_BODY_BYTES = MAX_UPLOAD_FILES * MAX_UPLOAD_BASE64_CHARS + REQUEST_SLACK_BYTES;

/** A server action carries one upload: its files as multipart bytes. */
export const MAX_ACTION_BODY_BYTES = MAX_UPLOAD_FILES * MAX_UPLOAD_BYTES + REQUEST_SLACK_BYTES;
