import { z } from "zod";
import { ZComplianceQuery } from "@/lib/tls/policy/compliance";
import { ZTlsPolicy } from "@/lib/tls/tls-policy";

/** The TLS policy routes' part of the OpenAPI document (ADR 027), from the zod schemas that validate them. */
const schema = (s: z.ZodType, io: "input" | "output" = "input") => z.toJSONSchema(s, { io, unrepresentable: "any" });

const ZPolicyOut = ZTlsPolicy.extend({
  updated_at: z.iso.datetime().nullable().describe("Null while no policy was saved (the open policy applies)"),
  updated_by: z.string().nullable(),
});
const ZViolation = z.object({
  rule: z.string().describe("The policy field broken, e.g. minimum_protocol"),
  field: z.string().describe("The object's field at fault (protocols, ciphers, keystore_url, key_type, certificates…)"),
  message: z.string().describe('Names the rule: "policy: minimum protocol is TLS 1.2 (TLS 1.1 is enabled)"'),
});
const objectType = z.enum(["tls_client_profile", "tls_server_profile", "keystore"]);
const ZReport = z.object({
  policy: ZTlsPolicy,
  total_results: z.number().int(),
  blocked: z
    .record(objectType, z.number().int())
    .describe("Objects whose next save would be refused (a profile edit; new keystore material), defaults excluded"),
  exempt: z.number().int().describe("Installation defaults listed but exempt: they cannot be edited"),
  results: z.array(
    z.object({
      type: objectType,
      name: z.string(),
      version: z.string().nullable(),
      title: z.string(),
      is_default: z.boolean(),
      url: z.url(),
      violations: z.array(ZViolation),
      findings: z.array(z.object({ code: z.string(), severity: z.string(), message: z.string(), fix: z.string() })),
    }),
  ),
});

export const tlsPolicySchemas = {
  TlsPolicyInput: schema(ZTlsPolicy),
  TlsPolicy: schema(ZPolicyOut, "output"),
  ComplianceReport: schema(ZReport, "output"),
};

const errors = Object.fromEntries(
  [
    ["401", "No valid session or API key"],
    ["403", "Not a member; reads need Settings: View, PUT needs TLS policy: Manage (owners and administrators)"],
    ["422", "A field is invalid; errors[] names each field"],
  ].map(([code, description]) => [
    code,
    { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
  ]),
);
const org = { name: "org", in: "path", required: true, schema: { type: "string" } };
const pageParams = Object.entries(z.toJSONSchema(ZComplianceQuery, { io: "input" }).properties ?? {}).map(([n, s]) => ({
  name: n,
  in: "query",
  required: false,
  schema: s,
}));
const body = (ref: string) => ({ "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } });
const answer = (description: string, ref: string) => ({ description, content: body(ref) });
const base = "/api/orgs/{org}/tls-policy";

export const tlsPolicyPaths = {
  [base]: {
    get: {
      summary: "The organization's TLS policy (the open policy while none is saved)",
      parameters: [org],
      responses: { "200": answer("The policy", "TlsPolicy"), ...errors },
    },
    put: {
      summary:
        "Replace the policy (TLS policy: Manage). Every later save of a profile or keystore material is checked against it: 422 at the field, naming the rule",
      parameters: [org],
      requestBody: { required: true, content: body("TlsPolicyInput") },
      responses: { "200": answer("Saved", "TlsPolicy"), ...errors },
    },
  },
  [`${base}/violations`]: {
    get: {
      summary: "Every profile and keystore breaking the policy in force, with violations and lint findings",
      parameters: [org, ...pageParams],
      responses: { "200": answer("The compliance report", "ComplianceReport"), ...errors },
    },
  },
  [`${base}/preview`]: {
    post: {
      summary: "What a proposed policy (the PUT body) would refuse, before saving it; nothing is written",
      parameters: [org, ...pageParams],
      requestBody: { required: true, content: body("TlsPolicyInput") },
      responses: { "200": answer("The compliance report for the proposed policy", "ComplianceReport"), ...errors },
    },
  },
};
