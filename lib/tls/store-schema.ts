import { z } from "zod";
import { MAX_UPLOAD_BASE64_CHARS, MAX_UPLOAD_BYTES } from "@/lib/crypto/limits";
import { ZName, ZTitle } from "./client-profile-schema";
import { nameFromTitle } from "./name-from-title";

/** Keystores and truststores are addressed by name alone (no version), as in API Connect. */
export const ZStoreMeta = z.strictObject({
  title: ZTitle,
  name: ZName,
  summary: z.string().trim().max(1024, "At most 1024 characters").default(""),
});

export const ZStoreMetaPatch = ZStoreMeta.pick({ title: true, summary: true }).partial();

/** Creation input: the name follows from the title when left out or empty. */
export const ZStoreMetaCreate = nameFromTitle(ZStoreMeta);

const ZPem = z.string().max(MAX_UPLOAD_BYTES, "At most 1 MB");
const ZBase64File = z.string().max(MAX_UPLOAD_BASE64_CHARS, "At most 1 MB");

/**
 * The REST body for a keystore upload, API Connect style: `keystore` is one PEM with chain and key; or
 * `private_key` + `certificate`; or `pkcs12` as base64. `password` is used once and never stored.
 */
export const ZKeystoreMaterialBody = z
  .strictObject({
    keystore: ZPem.optional(),
    private_key: ZPem.optional(),
    certificate: ZPem.optional(),
    pkcs12: ZBase64File.optional(),
    password: z.string().max(1024).default(""),
    allow_expired: z.boolean().default(false),
  })
  .refine((b) => [b.keystore, b.private_key ?? b.certificate, b.pkcs12].filter((v) => v !== undefined).length === 1, {
    message: "Send exactly one of: keystore (PEM), private_key with certificate, or pkcs12 (base64)",
    path: ["keystore"],
  });

export const ZTruststoreMaterialBody = z
  .strictObject({
    truststore: ZPem.optional(),
    pkcs12: ZBase64File.optional(),
    password: z.string().max(1024).default(""),
  })
  .refine((b) => (b.truststore === undefined) !== (b.pkcs12 === undefined), {
    message: "Send exactly one of: truststore (PEM bundle) or pkcs12 (base64)",
    path: ["truststore"],
  });

/** API field name → stored column; titles sort case-insensitively (titleKey in ./list-options). */
export const STORE_SORT_FIELDS = {
  title: "titleKey",
  name: "name",
  not_after: "notAfter",
  updated_at: "updatedAt",
} as const;
type StoreSortField = keyof typeof STORE_SORT_FIELDS;

export const ZStoreListQuery = z
  .object({
    q: z.string().trim().max(200).optional(),
    sort: z
      .string()
      .regex(
        /^-?(title|name|not_after|updated_at)$/,
        "sort must be one of title, name, not_after, updated_at, optionally prefixed with -",
      )
      .default("title"),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .transform(({ sort, ...rest }) => ({
    ...rest,
    sort: sort.replace(/^-/, "") as StoreSortField,
    direction: sort.startsWith("-") ? ("desc" as const) : ("asc" as const),
  }));
export type StoreListQuery = z.output<typeof ZStoreListQuery>;

export const ZFingerprint = z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/i, "A SHA-256 fingerprint (AA:BB:…)");
