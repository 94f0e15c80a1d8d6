import "server-only";
import { createHash, randomBytes } from "node:crypto";

export function newToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** Tokens are high-entropy, so a plain SHA-256 is enough to keep the database copy useless to a thief. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
