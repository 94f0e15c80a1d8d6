import type { ImportErrorCode } from "@/lib/crypto/import-error";
import type { KeystoreMaterial } from "@/lib/crypto/keystore-rules";
import type { TruststoreMaterial } from "@/lib/crypto/truststore-rules";
import type { UploadFile } from "@/lib/crypto/upload";

/**
 * One upload to open in the import worker. `clock` is shared memory the thread writes its start and end (wall and
 * CPU time, import-clock.ts) into, so the deadline is measured on the thread's own clock and does not depend on
 * when the request thread gets to read a message.
 */
export type ImportTask = { files: UploadFile[]; password: string; now: number; clock: SharedArrayBuffer } & (
  { kind: "keystore"; allowExpired: boolean } | { kind: "truststore" }
);

export interface ImportResults {
  keystore: KeystoreMaterial;
  truststore: TruststoreMaterial;
}

/** ImportError does not survive the thread boundary as a class, so a refusal crosses it as plain data. */
export type ImportOutcome<T> =
  { ok: true; value: T } | { ok: false; refusal: { code: ImportErrorCode; message: string; part: string } };
