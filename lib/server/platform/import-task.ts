import type { KeyObject } from "node:crypto";
import type { ImportErrorCode } from "@/lib/crypto/import-error";
import type { KeystoreMaterial } from "@/lib/crypto/keystore-rules";
import type { TruststoreMaterial } from "@/lib/crypto/truststore-rules";
import type { UploadFile } from "@/lib/crypto/upload";
import type { KeyRequest } from "@/lib/tls/key-request";

/**
 * One job for the import worker: an upload to open, or a key to generate (ADR 024). `clock` is shared memory the
 * thread writes its start and end (wall and CPU time, import-clock.ts) into, so the deadline is measured on the
 * thread's own clock and does not depend on when the request thread gets to read a message.
 */
export type ImportTask = { now: number; clock: SharedArrayBuffer } & (
  | { kind: "keystore"; files: UploadFile[]; password: string; allowExpired: boolean }
  | { kind: "truststore"; files: UploadFile[]; password: string }
  | { kind: "generate"; request: KeyRequest }
);

/** A generated key with its CSR; when self-signed, also the material as an upload of it would store it. */
export interface GeneratedMaterial {
  key: KeyObject;
  csrPem: string;
  selfSigned?: KeystoreMaterial;
}

export interface ImportResults {
  keystore: KeystoreMaterial;
  truststore: TruststoreMaterial;
  generate: GeneratedMaterial;
}

/** ImportError does not survive the thread boundary as a class, so a refusal crosses it as plain data. */
export type ImportOutcome<T> =
  { ok: true; value: T } | { ok: false; refusal: { code: ImportErrorCode; message: string; part: string } };
