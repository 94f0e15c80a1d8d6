/**
 * Every way an uploaded key, certificate or PKCS#12 file can be refused. `part` names the file or the
 * piece of it ("certificate 2", "private key") so the UI can put the message at the field that caused it.
 */
export type ImportErrorCode =
  | "UNPARSEABLE"
  | "UNSUPPORTED"
  | "PASSWORD_REQUIRED"
  | "WRONG_PASSWORD"
  | "INTEGRITY"
  | "NO_PRIVATE_KEY"
  | "NO_CERTIFICATE"
  | "MULTIPLE_KEYS"
  | "KEY_MISMATCH"
  | "CHAIN_NOT_CONNECTED"
  | "CHAIN_TOO_LONG"
  | "WEAK_KEY"
  | "EXPIRED"
  | "NOT_YET_VALID"
  | "TOO_LARGE"
  /** Over the upload's work budget, its caps, or the import deadline. */
  | "TOO_MUCH_WORK";

export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    readonly part: string = "file",
  ) {
    super(message);
    this.name = "ImportError";
  }
}

export function unparseable(part: string, what = "is not valid DER"): ImportError {
  return new ImportError("UNPARSEABLE", `The ${part} could not be read: it ${what}.`, part);
}
