import { z } from "zod";
import { CIPHER_NAMES } from "@/lib/tls/ciphers";
import { ZClientProfileFields, ZClientProfilePatch } from "@/lib/tls/client-profile-schema";
import { TLS_PROTOCOLS } from "@/lib/tls/protocols";

const schema = (s: z.ZodType, io: "input" | "output" = "input") => z.toJSONSchema(s, { io, unrepresentable: "any" });

const ZProfileOut = ZClientProfileFields.extend({
  type: z.literal("tls_client_profile"),
  api_version: z.string(),
  id: z.string(),
  scope: z.literal("org"),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
  updated_by: z.string(),
  row_version: z.number().int(),
  url: z.url(),
  org_url: z.url(),
});

const ZError = z.object({
  status: z.number().int(),
  message: z.string(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })),
});

const errorResponses = Object.fromEntries(
  [
    ["400", "Malformed JSON or wrong Content-Type"],
    ["401", "No valid session or API key"],
    ["403", "Not a member of the organization, or the role lacks the permission"],
    ["404", "No such profile"],
    ["409", "Name and version already exist, the profile changed since it was read (If-Match), or it is protected"],
    ["413", "Body larger than 1 MB"],
    ["422", "A field is invalid; errors[] names each field and the allowed values"],
  ].map(([code, description]) => [
    code,
    { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
  ]),
);

const org = { name: "org", in: "path", required: true, schema: { type: "string" } };
const name = { name: "name", in: "path", required: true, schema: { type: "string" } };
const version = { name: "version", in: "path", required: true, schema: { type: "string" } };
const json = (ref: string) => ({ "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } });
const collection = {
  description: "A page of profiles",
  content: {
    "application/json": {
      schema: {
        type: "object",
        properties: {
          total_results: { type: "integer" },
          results: { type: "array", items: { $ref: "#/components/schemas/TlsClientProfile" } },
        },
      },
    },
  },
};

/** Generated from the same zod schemas that validate requests, so the document cannot drift from the code. */
export function openApiDocument(serverUrl: string) {
  const base = "/api/orgs/{org}/tls-client-profiles";
  return {
    openapi: "3.1.0",
    info: {
      title: "TLS console API",
      version: "1.0.0",
      description: `TLS client profiles with API Connect's field names. Protocols: ${TLS_PROTOCOLS.join(", ")}. ${CIPHER_NAMES.length} cipher names.`,
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }, { session: [] }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API key created in the user menu" },
        session: { type: "apiKey", in: "cookie", name: "tls_console_session" },
      },
      schemas: {
        TlsClientProfileInput: schema(ZClientProfileFields),
        TlsClientProfilePatch: schema(ZClientProfilePatch),
        TlsClientProfile: schema(ZProfileOut, "output"),
        Error: schema(ZError, "output"),
      },
    },
    paths: {
      [base]: {
        get: {
          summary: "List profiles",
          parameters: [
            org,
            { name: "q", in: "query", schema: { type: "string" } },
            { name: "sort", in: "query", schema: { type: "string", example: "-updated_at" } },
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100 } },
            { name: "offset", in: "query", schema: { type: "integer", minimum: 0 } },
          ],
          responses: { "200": collection, ...errorResponses },
        },
        post: {
          summary: "Create a profile (name derived from the title when omitted)",
          parameters: [org],
          requestBody: { required: true, content: json("TlsClientProfileInput") },
          responses: { "201": { description: "Created", content: json("TlsClientProfile") }, ...errorResponses },
        },
      },
      [`${base}/{name}`]: {
        get: {
          summary: "Every version of a profile",
          parameters: [org, name],
          responses: { "200": collection, ...errorResponses },
        },
      },
      [`${base}/{name}/{version}`]: {
        get: {
          summary: "One version",
          parameters: [org, name, version],
          responses: {
            "200": { description: "The profile (ETag: row version)", content: json("TlsClientProfile") },
            ...errorResponses,
          },
        },
        patch: {
          summary: "Change fields; send If-Match with the ETag to refuse stale updates",
          parameters: [org, name, version, { name: "If-Match", in: "header", schema: { type: "string" } }],
          requestBody: { required: true, content: json("TlsClientProfilePatch") },
          responses: { "200": { description: "Updated", content: json("TlsClientProfile") }, ...errorResponses },
        },
        delete: {
          summary: "Delete one version",
          parameters: [org, name, version],
          responses: { "204": { description: "Deleted" }, ...errorResponses },
        },
      },
    },
  };
}
