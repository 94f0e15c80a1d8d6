import "server-only";
import pino from "pino";

/** Secrets never reach the log, whatever a caller passes: these paths are replaced before writing. */
export const REDACT_PATHS = [
  "password",
  "*.password",
  "token",
  "*.token",
  "apiKey",
  "*.apiKey",
  "authorization",
  "*.authorization",
  "cookie",
  "*.cookie",
  "headers.authorization",
  "headers.cookie",
  "privateKey",
  "*.privateKey",
  "private_key",
  "*.private_key",
  "keyPem",
  "*.keyPem",
  "pkcs12",
  "*.pkcs12",
  "keyCiphertext",
  "*.keyCiphertext",
  "wrappedDataKey",
  "*.wrappedDataKey",
];

export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  redact: { paths: REDACT_PATHS, censor: "[redacted]" },
  base: { app: "tls-console" },
});
