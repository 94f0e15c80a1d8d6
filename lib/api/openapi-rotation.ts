import { z } from "zod";
import { ZCertificateBody, ZGenerateField } from "@/lib/tls/key-request";
import { ROTATION_WARNING_CODES } from "@/lib/tls/rotation-diff";
import { ZActivateBody, ZRestoreBody } from "@/lib/tls/rotation-schema";
import { ZKeystoreMaterialBody } from "@/lib/tls/store-schema";

/** Staged rotation, versions and roll back in the OpenAPI document (issue 10, ADR 026). */
const schema = (s: z.ZodType, io: "input" | "output" = "input") => z.toJSONSchema(s, { io, unrepresentable: "any" });

const change = <T extends z.ZodType>(t: T) => z.object({ from: t, to: t, changed: z.boolean() });
const ZCertificate = z.object({
  subject: z.string(),
  issuer: z.string(),
  serial_number: z.string(),
  subject_alt_names: z.array(z.string()),
  key_type: z.string(),
  key_bits: z.number().int(),
  signature_algorithm: z.string(),
  not_before: z.iso.datetime(),
  not_after: z.iso.datetime(),
  sha256_fingerprint: z.string(),
  is_ca: z.boolean(),
  self_signed: z.boolean(),
  pem: z.string(),
});
const ZRotationDiff = z.object({
  subject: change(z.string()),
  subject_alt_names: z.object({ added: z.array(z.string()), removed: z.array(z.string()), kept: z.array(z.string()) }),
  extended_key_usage: change(z.array(z.string()).nullable()).describe("null: no extension, every purpose"),
  key: change(z.string()),
  issuer: change(z.string()),
  chain: change(z.array(z.string())).describe("Subjects, leaf first"),
  root: change(z.string()),
  validity: change(z.object({ not_before: z.iso.datetime(), not_after: z.iso.datetime() })),
  warnings: z
    .array(z.object({ code: z.enum(ROTATION_WARNING_CODES), message: z.string() }))
    .describe("Each code must be sent in `confirm` before the swap"),
});
const ZPending = z.object({
  keystore_name: z.string(),
  state: z.enum(["awaiting_certificate", "ready", "scheduled"]),
  source: z.enum(["upload", "generate"]),
  key_type: z.string().describe("The pending private key itself is never returned"),
  subject: z.string(),
  created_at: z.iso.datetime(),
  created_by: z.string(),
  csr: z
    .object({
      subject: z.string(),
      subject_alt_names: z.array(z.string()),
      usage: z.enum(["server", "client", "both"]),
      key_type: z.string(),
      created_at: z.iso.datetime(),
      created_by: z.string(),
    })
    .optional(),
  certificates: z.array(ZCertificate),
  expired_accepted: z.boolean(),
  activate_at: z.iso.datetime().nullable(),
  scheduled_by: z.string().nullable(),
  confirmed_warnings: z.array(z.string()),
  refused: z
    .object({ at: z.iso.datetime(), reason: z.string() })
    .nullable()
    .describe(
      "The last scheduled activation, refused when its time came by the organization's TLS policy (the schedule is taken off); null otherwise",
    ),
  diff: ZRotationDiff.nullable().describe("Null while a generated key awaits its certificate"),
});
const retired = {
  retired_at: z.iso.datetime(),
  retired_by: z.string(),
  retired_how: z
    .string()
    .describe("activate | rotate | restore (keystores); add-certificates | remove-certificate | restore"),
  current: z.boolean().describe("The same material is in use again"),
};
const ZKeystoreVersion = z.object({
  number: z.number().int(),
  key_type: z.string(),
  subject: z.string(),
  sha256_fingerprint: z.string(),
  not_after: z.iso.datetime(),
  certificates: z.array(ZCertificate),
  diff: ZRotationDiff.describe("What restoring it would change"),
  ...retired,
});
const ZSetCertificate = z.object({ sha256: z.string(), subject: z.string() });
const ZTruststoreVersion = z.object({
  number: z.number().int(),
  certificate_count: z.number().int(),
  certificates: z.array(ZCertificate),
  diff: z.object({
    added: z.array(ZSetCertificate),
    removed: z.array(ZSetCertificate),
    warnings: z.array(z.object({ code: z.literal("certificates_removed"), message: z.string() })),
  }),
  ...retired,
});
const list = (ref: string) => ({
  description: "The kept versions (at most 5), newest first",
  content: {
    "application/json": {
      schema: {
        type: "object",
        properties: {
          total_results: { type: "integer" },
          results: { type: "array", items: { $ref: `#/components/schemas/${ref}` } },
        },
      },
    },
  },
});

/** A scheduled swap, as the expiry overview lists it. */
export const ZScheduledRotation = z.object({
  org: z.object({ name: z.string(), title: z.string() }).optional().describe("Only with scope=all"),
  keystore_name: z.string(),
  keystore_title: z.string(),
  activate_at: z.iso.datetime(),
  scheduled_by: z.string(),
});

export const rotationSchemas = {
  PendingMaterialInput: {
    oneOf: [schema(ZKeystoreMaterialBody), schema(ZGenerateField)],
  },
  PendingCertificate: schema(ZCertificateBody),
  PendingMaterial: schema(ZPending, "output"),
  ActivateInput: schema(ZActivateBody),
  RestoreInput: schema(ZRestoreBody),
  /** `PUT …/material`: the upload fields and the warning codes of the replacement's diff. */
  KeystoreReplacement: schema(z.intersection(ZKeystoreMaterialBody, ZRestoreBody)),
  KeystoreVersion: schema(ZKeystoreVersion, "output"),
  TruststoreVersion: schema(ZTruststoreVersion, "output"),
};

/** The paths, given the shared parameters and error responses of the main document. */
export function rotationPaths(p: { org: object; name: object; errors: object }) {
  const json = (ref: string) => ({ "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } });
  const ok = (description: string, ref: string) => ({ description, content: json(ref) });
  const number = { name: "number", in: "path", required: true, schema: { type: "integer" } };
  const ks = "/api/orgs/{org}/keystores/{name}";
  const ts = "/api/orgs/{org}/truststores/{name}";
  const params = [p.org, p.name];
  return {
    [`${ks}/pending`]: {
      get: {
        summary: "The pending material and its diff against the material in use (404 when there is none)",
        parameters: params,
        responses: { "200": ok("Pending", "PendingMaterial"), ...p.errors },
      },
      post: {
        summary:
          "Prepare the next material beside the current one: the upload fields of a rotation, or `generate` (a key and CSR made here; with self_signed_days, ready at once). Nothing in use changes; 409 if some is pending already",
        parameters: params,
        requestBody: { required: true, content: json("PendingMaterialInput") },
        responses: { "201": ok("Prepared", "PendingMaterial"), ...p.errors },
      },
      delete: {
        summary: "Discard the pending material and any scheduled activation",
        parameters: params,
        responses: { "204": { description: "Discarded" }, ...p.errors },
      },
    },
    [`${ks}/pending/csr.pem`]: {
      get: {
        summary: "The certificate signing request of a generated pending key",
        parameters: params,
        responses: {
          "200": { description: "PKCS#10, PEM", content: { "text/plain": { schema: { type: "string" } } } },
          ...p.errors,
        },
      },
    },
    [`${ks}/pending/certificate`]: {
      put: {
        summary:
          "Complete a generated pending key with its signed certificate (+ chain); every upload check applies, refusals are 422 at `certificate`",
        parameters: params,
        requestBody: { required: true, content: json("PendingCertificate") },
        responses: { "200": ok("Ready to activate", "PendingMaterial"), ...p.errors },
      },
    },
    [`${ks}/pending/activate`]: {
      post: {
        summary:
          "Activate now (200, the keystore; the replaced material is kept as a version) or at `at` (202, the pending material). Every warning code of the diff must be in `confirm`: 422 at `confirm` otherwise",
        parameters: params,
        requestBody: { required: false, content: json("ActivateInput") },
        responses: {
          "200": ok("Activated", "Keystore"),
          "202": ok("Scheduled", "PendingMaterial"),
          ...p.errors,
        },
      },
      delete: {
        summary: "Cancel the scheduled activation; the pending material stays",
        parameters: params,
        responses: { "200": ok("Not scheduled any more", "PendingMaterial"), ...p.errors },
      },
    },
    [`${ks}/versions`]: {
      get: {
        summary: "The earlier materials kept (last 5), each with the diff of restoring it; never a key",
        parameters: params,
        responses: { "200": list("KeystoreVersion"), ...p.errors },
      },
    },
    [`${ks}/versions/{number}/restore`]: {
      post: {
        summary:
          "Roll back: the version becomes the current material, the replaced one a new version; its diff's warning codes must be in `confirm`",
        parameters: [...params, number],
        requestBody: { required: false, content: json("RestoreInput") },
        responses: { "200": ok("Restored", "Keystore"), ...p.errors },
      },
    },
    [`${ts}/versions`]: {
      get: {
        summary: "The earlier certificate sets kept (every add and remove keeps one; last 5), each with its diff",
        parameters: params,
        responses: { "200": list("TruststoreVersion"), ...p.errors },
      },
    },
    [`${ts}/versions/{number}/restore`]: {
      post: {
        summary:
          'Roll back: the set becomes the current one, the replaced set a new version; removing certificates from a truststore profiles use needs `confirm: ["certificates_removed"]`',
        parameters: [...params, number],
        requestBody: { required: false, content: json("RestoreInput") },
        responses: { "200": ok("Restored", "Truststore"), ...p.errors },
      },
    },
  };
}
