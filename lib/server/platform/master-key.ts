import "server-only";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { logger } from "@/lib/server/platform/logger";

const MASTER_KEY_FILE = "./data/master.key";

/** Accepts 32 bytes as base64 or hex. */
export function parseMasterKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (key.length !== 32) throw new Error("MASTER_KEY must be 32 bytes, written as 64 hex digits or base64.");
  return key;
}

/**
 * MASTER_KEY from the environment, else the key file under ./data, created on first use with mode 0600.
 * `wx` makes creation atomic: two processes starting together cannot write two different keys.
 */
export function loadMasterKey(env: Record<string, string | undefined> = process.env, file = MASTER_KEY_FILE): Buffer {
  if (env.MASTER_KEY) return parseMasterKey(env.MASTER_KEY);
  const path = resolve(/* turbopackIgnore: true */ file);
  try {
    return parseMasterKey(readFileSync(/* turbopackIgnore: true */ path, "utf8"));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  mkdirSync(/* turbopackIgnore: true */ dirname(path), { recursive: true });
  try {
    writeFileSync(/* turbopackIgnore: true */ path, randomBytes(32).toString("base64") + "\n", {
      mode: 0o600,
      flag: "wx",
    });
    chmodSync(/* turbopackIgnore: true */ path, 0o600);
    logger.warn({ path }, "generated a master key for private keys at rest; back it up with the database");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
  return parseMasterKey(readFileSync(/* turbopackIgnore: true */ path, "utf8"));
}

const cache = globalThis as unknown as { tlsConsoleMasterKey?: Buffer };

export function masterKey(): Buffer {
  cache.tlsConsoleMasterKey ??= loadMasterKey();
  return cache.tlsConsoleMasterKey;
}
