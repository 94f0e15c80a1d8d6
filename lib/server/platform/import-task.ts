import type { MessagePort } from "node:worker_threads";
import type { ImportErrorCode } from "@/lib/crypto/import-error";
import type { KeystoreMaterial } from "@/lib/crypto/keystore-rules";
import type { TruststoreMaterial } from "@/lib/crypto/truststore-rules";
import type { UploadFile } from "@/lib/crypto/upload";

/** One upload to open in the import worker; `started` is told when a thread picks it up (the deadline starts then). */
export type ImportTask = { files: UploadFile[]; password: string; now: number; started: MessagePort } & (
  { kind: "keystore"; allowExpired: boolean } | { kind: "truststore" }
);

export interface ImportResults {
  keystore: KeystoreMaterial;
  truststore: TruststoreMaterial;
}

/** ImportError does not survive the thread boundary as a class, so a refusal crosses it as plain data. */
export type ImportOutcome<T> =
  { ok: true; value: T } | { ok: false; refusal: { code: ImportErrorCode; message: string; part: string } };
