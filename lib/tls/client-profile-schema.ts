import { z } from "zod";
import { CIPHER_NAMES, type CipherName, DEFAULT_CIPHERS } from "./ciphers";
import { DEFAULT_PROTOCOLS, TLS_PROTOCOLS, type TlsProtocol } from "./protocols";
import { nameFromTitle } from "./name-from-title";
import { withPreset } from "./preset-shortcut";
import { NAME_MAX, NAME_PATTERN } from "./slug";
import { lacksPre13Cipher } from "./tls13-rule";

/** Versions appear in URLs and gateway object names: letters, digits, dot, dash, underscore. */
export const VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const oneOf = (values: readonly string[]) => `must be one of: ${values.join(", ")}`;

export const ZProtocol = z.enum(TLS_PROTOCOLS, { error: () => oneOf(TLS_PROTOCOLS) });
export const ZCipher = z.enum(CIPHER_NAMES, { error: () => oneOf(CIPHER_NAMES) });

export const ZTitle = z.string().trim().min(1, "Title is required").max(128, "At most 128 characters");
export const ZName = z
  .string()
  .trim()
  .min(1, "Name is required")
  .max(NAME_MAX, `At most ${NAME_MAX} characters`)
  .regex(NAME_PATTERN, "Use lower-case letters, digits and single dashes, starting and ending with a letter or digit");
export const ZVersion = z
  .string()
  .trim()
  .min(1, "Version is required")
  .max(32, "At most 32 characters")
  .regex(VERSION_PATTERN, "Use letters, digits, '.', '-' and '_', starting with a letter or digit");

const unique = <T>(list: T[]) => new Set(list).size === list.length;

export const ZSummary = z.string().trim().max(1024, "At most 1024 characters");
// The maximum is checked before the entries are: without it, a list of a million bad entries costs a million issues.
export const ZProtocols = z
  .array(ZProtocol)
  .min(1, "Select at least one protocol")
  .max(TLS_PROTOCOLS.length, "List each protocol once")
  .refine(unique, "List each protocol once");
export const ZCiphers = z
  .array(ZCipher)
  .min(1, "Select at least one cipher")
  .max(CIPHER_NAMES.length, "List each cipher once")
  .refine(unique, "List each cipher once");

/**
 * A keystore or truststore reference: API Connect's `…_url` (https://host/api/orgs/{org}/keystores/{name}),
 * or just the name. The data layer resolves it within the profile's own organization.
 */
export const ZStoreRef = z.string().trim().max(2048).nullable();

/** Fields every TLS profile has, client or server. */
export const ZProfileCommon = z.strictObject({
  title: ZTitle,
  name: ZName,
  version: ZVersion,
  summary: ZSummary.default(""),
  protocols: ZProtocols,
  ciphers: ZCiphers,
});

/** The cipher half of the TLS 1.3 rule, reported at the ciphers field of either kind of profile. */
export function checkCiphers(value: { protocols: TlsProtocol[]; ciphers: CipherName[] }, ctx: z.RefinementCtx): void {
  if (lacksPre13Cipher(value.protocols, value.ciphers)) {
    ctx.addIssue({
      code: "custom",
      path: ["ciphers"],
      message: "TLS 1.0–1.2 is selected but no TLS 1.0–1.2 cipher is: select at least one, or select only TLS 1.3",
    });
  }
}

/** The editable fields, with API Connect's JSON names; the form, the server actions and the REST API all use it. */
export const ZClientProfileFields = ZProfileCommon.extend({
  insecure_server_connections: z.boolean().default(false),
  server_name_indication: z.boolean().default(true),
  keystore_url: ZStoreRef.default(null),
  truststore_url: ZStoreRef.default(null),
});

export const ZClientProfileInput = ZClientProfileFields.superRefine(checkCiphers);
export type TClientProfileInput = z.infer<typeof ZClientProfileInput>;
export type TClientProfileFormValues = z.input<typeof ZClientProfileInput>;

/** PATCH carries any subset of the fields that may change after creation; name and version identify the row. */
export const ZClientProfilePatch = z
  .strictObject({
    title: ZTitle,
    summary: ZSummary,
    protocols: ZProtocols,
    ciphers: ZCiphers,
    insecure_server_connections: z.boolean(),
    server_name_indication: z.boolean(),
    keystore_url: ZStoreRef,
    truststore_url: ZStoreRef,
  })
  .partial();
export type TClientProfilePatch = z.infer<typeof ZClientProfilePatch>;

export const CLIENT_PROFILE_DEFAULTS: TClientProfileInput = {
  title: "",
  name: "",
  version: "1.0.0",
  summary: "",
  protocols: DEFAULT_PROTOCOLS,
  ciphers: DEFAULT_CIPHERS,
  insecure_server_connections: false,
  server_name_indication: true,
  keystore_url: null,
  truststore_url: null,
};

/** Creation input: the name follows from the title when left out or empty; `preset` may stand for both lists. */
export const ZClientProfileCreate = withPreset(nameFromTitle(ZClientProfileInput));
