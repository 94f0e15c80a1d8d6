import { z } from "zod";
import { CIPHER_WEAKNESSES } from "./ciphers";
import { TLS_PROTOCOLS } from "./protocols";

/**
 * An organization's TLS policy (issue 11, ADR 027): one schema for the settings form, the REST body and the data
 * layer. Every field's neutral value ("no minimum", nothing forbidden, everything allowed) is its default, so an
 * organization without a policy and an empty PUT body mean the same thing.
 */
export const EC_CURVES = ["P-256", "P-384", "P-521"] as const;
export type EcCurve = (typeof EC_CURVES)[number];

/** Uploads refuse RSA below 2048 bits anyway (lib/crypto/private-key.ts); a policy can only ask for more. */
export const RSA_BITS_RANGE = { min: 2048, max: 8192 } as const;
export const CERTIFICATE_DAYS_RANGE = { min: 1, max: 3650 } as const;

const unique = <T>(list: T[]) => new Set(list).size === list.length;

export const ZTlsPolicy = z.strictObject({
  minimum_protocol: z
    .enum(TLS_PROTOCOLS, { error: () => `One of ${TLS_PROTOCOLS.join(", ")}, or null for no minimum` })
    .nullable()
    .default(null),
  forbidden_suite_classes: z
    .array(z.enum(CIPHER_WEAKNESSES, { error: () => `Each one of ${CIPHER_WEAKNESSES.join(", ")}` }))
    // A length limit is checked before the entries: without it a long list costs one issue per entry.
    .max(CIPHER_WEAKNESSES.length, "List each class once")
    .refine(unique, "List each class once")
    .default([]),
  minimum_rsa_bits: z
    .number({ error: "A whole number of bits, or null for no minimum" })
    .int("A whole number of bits")
    .min(RSA_BITS_RANGE.min, `At least ${RSA_BITS_RANGE.min} (smaller keys are always refused)`)
    .max(RSA_BITS_RANGE.max, `At most ${RSA_BITS_RANGE.max}`)
    .nullable()
    .default(null),
  allowed_curves: z
    .array(z.enum(EC_CURVES, { error: () => `Each one of ${EC_CURVES.join(", ")}` }))
    .max(EC_CURVES.length, "List each curve once")
    .refine(unique, "List each curve once")
    .default([...EC_CURVES]),
  allow_ed25519: z.boolean().default(true),
  maximum_certificate_days: z
    .number({ error: "A whole number of days, or null for no maximum" })
    .int("A whole number of days")
    .min(CERTIFICATE_DAYS_RANGE.min, `At least ${CERTIFICATE_DAYS_RANGE.min} day`)
    .max(CERTIFICATE_DAYS_RANGE.max, `At most ${CERTIFICATE_DAYS_RANGE.max} days`)
    .nullable()
    .default(null),
  require_extended_key_usage: z.boolean().default(false),
  forbid_insecure_server_connections: z.boolean().default(false),
  forbid_sni_off: z.boolean().default(false),
});
export type TlsPolicy = z.output<typeof ZTlsPolicy>;

/** A policy that allows everything: what an organization has until someone saves one. */
export const OPEN_POLICY: TlsPolicy = ZTlsPolicy.parse({});

/** Each policy field is a rule: violations name it, so `rule` is one of these. */
export type PolicyRule = keyof TlsPolicy;

/** GET /tls-policy: the policy in force, and who saved it when (null while none was saved). */
export interface TlsPolicyDto extends TlsPolicy {
  updated_at: string | null;
  updated_by: string | null;
}
