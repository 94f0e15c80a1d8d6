import { z } from "zod";
import { wholeNumber } from "./whole-number";
import { MAX_UPLOAD_BASE64_CHARS } from "@/lib/crypto/limits";
import { ipBytes } from "@/lib/net/cidr";

/**
 * What a key generated in the console asks for (issue 10, ADR 024): key type, subject, subject alternative names and
 * usage. One schema for the create form, the REST body and the worker that builds the CSR or certificate.
 */
export const KEY_TYPES = ["rsa-2048", "rsa-3072", "rsa-4096", "ec-p256", "ec-p384", "ed25519"] as const;
export type KeyType = (typeof KEY_TYPES)[number];

export const KEY_TYPE_LABELS: Record<KeyType, string> = {
  "rsa-2048": "RSA 2048",
  "rsa-3072": "RSA 3072",
  "rsa-4096": "RSA 4096",
  "ec-p256": "EC P-256",
  "ec-p384": "EC P-384",
  ed25519: "Ed25519",
};

const KEY_USAGES = ["server", "client", "both"] as const;
export type KeyUsage = (typeof KEY_USAGES)[number];

export const SAN_TYPES = ["DNS", "IP", "email", "URI"] as const;
export type SanType = (typeof SAN_TYPES)[number];

/** The longest validity a self-signed certificate may get: ten years. */
export const MAX_SELF_SIGNED_DAYS = 3650;
const MAX_SANS = 100;

const DNS_NAME = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Control characters (C0, DEL, C1) and line or paragraph separators would forge lines where subjects are shown; format characters (bidirectional
 * overrides, zero-width ones) make a subject read as something else; a lone surrogate cannot be encoded (UTF8String)
 * at all. In `u` mode a valid surrogate pair is one code point, so `\p{Cs}` matches only lone halves.
 */
const UNWRITABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;
const UNWRITABLE_MESSAGE = "No control or invisible formatting characters, and no broken Unicode";
/** rfc822Name and uniformResourceIdentifier are IA5String: visible ASCII only (IDN domains as punycode). */
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

/** Why a SAN value of `type` is not acceptable, or null when it is. */
function sanProblem(type: SanType, value: string): string | null {
  if ((type === "email" || type === "URI") && !VISIBLE_ASCII.test(value))
    return `"${value.replace(/[^\x20-\x7e]/g, "?")}" must be ASCII (write an international domain as punycode)`;
  switch (type) {
    case "DNS":
      return value.length <= 253 && DNS_NAME.test(value) ? null : `"${value}" is not a DNS name`;
    case "IP":
      return ipBytes(value) ? null : `"${value}" is not an IPv4 or IPv6 address`;
    case "email":
      return value.length <= 254 && EMAIL.test(value) ? null : `"${value}" is not an e-mail address`;
    case "URI":
      return /^[a-z][a-z0-9+.-]*:\S+$/i.test(value) && URL.canParse(value) ? null : `"${value}" is not a URI`;
  }
}

/** Reads "DNS:api.example.com" into its type and value (the type prefix is case-insensitive). */
export function parseSan(entry: string): { type: SanType; value: string } | null {
  const colon = entry.indexOf(":");
  if (colon < 0) return null;
  const type = SAN_TYPES.find((t) => t.toLowerCase() === entry.slice(0, colon).trim().toLowerCase());
  return type ? { type, value: entry.slice(colon + 1).trim() } : null;
}

const ZSan = z
  .string()
  .trim()
  .max(300, "At most 300 characters")
  .superRefine((entry, c) => {
    const san = parseSan(entry);
    const problem = san
      ? sanProblem(san.type, san.value)
      : `"${entry}" must start with DNS:, IP:, email: or URI: (for example DNS:api.example.com)`;
    if (problem) c.addIssue({ code: "custom", message: problem });
  })
  .transform((entry) => {
    const { type, value } = parseSan(entry)!;
    return `${type}:${value}`;
  });

const optionalPart = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .refine((v) => !UNWRITABLE.test(v), UNWRITABLE_MESSAGE)
    .optional()
    .transform((v) => v || undefined);

const ZKeySubject = z.strictObject({
  common_name: z
    .string()
    .trim()
    .min(1, "Common name is required")
    .max(64, "At most 64 characters")
    .refine((v) => !UNWRITABLE.test(v), UNWRITABLE_MESSAGE),
  organization: optionalPart(64),
  organizational_unit: optionalPart(64),
  locality: optionalPart(128),
  state: optionalPart(128),
  country: z
    .string()
    .trim()
    .optional()
    .transform((v) => v?.toUpperCase() || undefined)
    .refine((v) => v === undefined || /^[A-Z]{2}$/.test(v), "Two letters (ISO 3166), for example DE"),
});
type KeySubject = z.output<typeof ZKeySubject>;

export const ZKeyRequest = z.strictObject({
  key_type: z.enum(KEY_TYPES, { error: () => `One of ${KEY_TYPES.join(", ")}` }),
  subject: ZKeySubject,
  subject_alt_names: z
    .array(ZSan)
    .max(MAX_SANS, `At most ${MAX_SANS} names`)
    .default([])
    .refine((sans) => new Set(sans.map((s) => s.toLowerCase())).size === sans.length, "List each name once"),
  usage: z.enum(KEY_USAGES, { error: () => "One of server, client, both" }),
  self_signed_days: wholeNumber(
    z
      .number({ error: "A number of days" })
      .int("Whole days")
      .min(1, "At least 1 day")
      .max(MAX_SELF_SIGNED_DAYS, `At most ${MAX_SELF_SIGNED_DAYS} days`),
  ).optional(),
});
export type KeyRequest = z.output<typeof ZKeyRequest>;

/** RFC 4514 escaping, as Node (and so every certificate subject shown here) writes it: "O=Acme\\, Inc.", "CN=\\#1". */
const escapeRdn = (value: string) => value.replace(/[,+"\\<>;]/g, (c) => `\\${c}`).replace(/^#/, "\\#");

/** The subject as one line, most significant part first, as certificates are shown everywhere else. */
export function subjectLine(s: KeySubject): string {
  return [
    ["C", s.country],
    ["ST", s.state],
    ["L", s.locality],
    ["O", s.organization],
    ["OU", s.organizational_unit],
    ["CN", s.common_name],
  ]
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${escapeRdn(v!)}`)
    .join(", ");
}

/** The extended key usages a request asks for, by their names in certificates. */
export const EXTENDED_USAGES: Record<KeyUsage, string[]> = {
  server: ["serverAuth"],
  client: ["clientAuth"],
  both: ["serverAuth", "clientAuth"],
};

/** The `generate` member of a create body: parsed under its own name, so a field error reads "generate.subject…". */
export const ZGenerateField = z.strictObject({ generate: ZKeyRequest });

/** The body completing a keystore awaiting its certificate: the signed certificate (+ chain). */
export const ZCertificateBody = z.strictObject({
  certificate: z
    .string()
    .min(1, "Paste the signed certificate")
    .max(MAX_UPLOAD_BASE64_CHARS, "At most 1 MB")
    .describe("PEM (certificate, chain, or PKCS#7), or base64 of a DER certificate or PKCS#7 bundle"),
  allow_expired: z.boolean().default(false),
});
