import { z } from "zod";
import { CIPHER_NAMES } from "@/lib/tls/ciphers";
import { PROBE_CODES, ZConnectionTestInput, ZServerCheckInput } from "@/lib/tls/connection-test";
import { TLS_PROTOCOLS } from "@/lib/tls/protocols";

/** "Test connection" and "Check with a client profile" in the OpenAPI document (issue 9, ADR 023). */
const schema = (s: z.ZodType, io: "input" | "output" = "input") => z.toJSONSchema(s, { io, unrepresentable: "any" });

const ZPeerCertificate = z.object({
  position: z.number().int().describe("Order the server sent it in; 0 = the leaf it presented"),
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
  pem: z.string().describe("The public certificate"),
});
const ZScan = z.object({
  protocols: z.array(
    z.object({ protocol: z.enum(TLS_PROTOCOLS), server_accepts: z.boolean(), profile_allows: z.boolean() }),
  ),
  ciphers: z.array(
    z.object({
      name: z.enum(CIPHER_NAMES),
      iana: z.string(),
      server_accepts: z.boolean(),
      profile_selects: z.boolean(),
    }),
  ),
  suggestion: z.string().nullable().describe("What would make profile and server meet; null when they already do"),
  duration_ms: z.number(),
});
const ZResult = z.object({
  ok: z.boolean(),
  code: z.enum(PROBE_CODES).optional().describe("Why it failed, stable for scripts"),
  message: z.string().describe("What happened, in plain words"),
  fix: z.string().optional().describe("What to change"),
  target: z.object({
    host: z.string(),
    port: z.number().int(),
    server_name: z.string().nullable(),
    address: z.string().optional().describe("The address connected to"),
  }),
  protocol: z.enum(TLS_PROTOCOLS).optional(),
  cipher: z.enum(CIPHER_NAMES).nullable().optional().describe("API Connect name; null when outside the catalogue"),
  cipher_iana: z.string().optional(),
  alpn: z.string().nullable().optional(),
  peer_certificates: z.array(ZPeerCertificate),
  chain_problems: z.array(z.object({ code: z.string(), message: z.string(), position: z.number().int().optional() })),
  trusted: z.boolean().optional(),
  client_certificate_requested: z.boolean(),
  client_certificate_accepted: z.boolean().optional(),
  timings_ms: z.object({
    dns: z.number().optional(),
    connect: z.number().optional(),
    handshake: z.number().optional(),
    total: z.number(),
  }),
  scan: ZScan.optional().describe("Only when scan was asked for"),
});
const ZRecord = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actor: z.string(),
  target: z.string().describe("host:port (a test) or the client profile's name:version (a check)"),
  ok: z.boolean(),
  code: z.enum(PROBE_CODES).nullable(),
  message: z.string(),
  result: ZResult,
});

export const connectionTestSchemas = {
  ConnectionTestInput: schema(ZConnectionTestInput),
  ServerCheckInput: schema(ZServerCheckInput),
  ConnectionTestResult: schema(ZResult, "output"),
  ConnectionTestRecord: schema(ZRecord, "output"),
};

const errors = Object.fromEntries(
  [
    ["400", "Malformed JSON or wrong Content-Type"],
    ["401", "No valid session or API key"],
    ["403", "Not a member, the role lacks the permission, or a session write from another Origin"],
    ["404", "No such profile in this organization"],
    [
      "422",
      "A field is invalid; errors[] names it (a destination the outbound guard refuses: host or port; a client profile not in this organization: client_profile_url)",
    ],
    ["429", "PROBE_CONCURRENCY tests are already running in this organization; try again when one finishes"],
  ].map(([code, description]) => [
    code,
    { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
  ]),
);
const path = (n: string) => ({ name: n, in: "path", required: true, schema: { type: "string" } });
const body = (ref: string) => ({ "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } });
const result = {
  description: "The handshake finished: ok, or not with a code, the words and the fix",
  content: body("ConnectionTestResult"),
};
const kept = {
  description: "The last 20 results, newest first",
  content: {
    "application/json": {
      schema: {
        type: "object",
        properties: {
          total_results: { type: "integer" },
          results: { type: "array", items: { $ref: "#/components/schemas/ConnectionTestRecord" } },
        },
      },
    },
  },
};
const parameters = [path("org"), path("name"), path("version")];
const client = "/api/orgs/{org}/tls-client-profiles/{name}/{version}";
const server = "/api/orgs/{org}/tls-server-profiles/{name}/{version}";

export const connectionTestPaths = {
  [`${client}/test`]: {
    post: {
      summary:
        "Test connection: a handshake from the server with exactly this profile's options (and, with scan, which protocols and suites the server accepts); kept in the profile's last 20",
      parameters,
      requestBody: { required: true, content: body("ConnectionTestInput") },
      responses: { "200": result, ...errors },
    },
  },
  [`${client}/tests`]: {
    get: { summary: "The profile's kept tests (Settings: View)", parameters, responses: { "200": kept, ...errors } },
  },
  [`${server}/check`]: {
    post: {
      summary:
        "Check with a client profile of this organization: a loopback listener from this server profile for this check only, and a handshake from the client profile",
      parameters,
      requestBody: { required: true, content: body("ServerCheckInput") },
      responses: { "200": result, ...errors },
    },
  },
  [`${server}/checks`]: {
    get: { summary: "The profile's kept checks (Settings: View)", parameters, responses: { "200": kept, ...errors } },
  },
};
