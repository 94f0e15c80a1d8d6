import { z } from "zod";
import { MAX_JSON_BODY_BYTES } from "@/lib/crypto/limits";
import { CIPHER_NAMES } from "@/lib/tls/ciphers";
import {
  ZCipher,
  ZCiphers,
  ZClientProfileFields,
  ZClientProfilePatch,
  ZProtocols,
} from "@/lib/tls/client-profile-schema";
import { ZPresetId } from "@/lib/tls/preset-shortcut";
import { PRESET_IDS } from "@/lib/tls/presets";
import { TLS_PROTOCOLS } from "@/lib/tls/protocols";
import { connectionTestPaths, connectionTestSchemas } from "@/lib/api/openapi-connection-tests";
import { notificationPaths, notificationSchemas } from "@/lib/api/openapi-notifications";
import { rotationPaths, rotationSchemas, ZScheduledRotation } from "@/lib/api/openapi-rotation";
import { tlsPolicyPaths, tlsPolicySchemas } from "@/lib/api/openapi-tls-policy";
import { ZServerProfileFields, ZServerProfilePatch } from "@/lib/tls/server-profile-schema";
import { EXPIRY_BUCKETS } from "@/lib/tls/expiry";
import { ZExpiryQuery } from "@/lib/tls/expiry-query";
import { ZKeystoreMaterialBody, ZStoreMeta, ZStoreMetaPatch, ZTruststoreMaterialBody } from "@/lib/tls/store-schema";
import { ZCreateCalendarFeed } from "@/lib/tls/calendar-feed-input";
import { ZCertificateBody, ZGenerateField } from "@/lib/tls/key-request";

const schema = (s: z.ZodType, io: "input" | "output" = "input") => z.toJSONSchema(s, { io, unrepresentable: "any" });

const readOnly = {
  api_version: z.string(),
  id: z.string(),
  is_default: z.boolean().describe("Created at installation: cannot be edited or deleted (409)"),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
  updated_by: z.string(),
  row_version: z.number().int().describe("Also sent as the ETag; send it back in If-Match"),
  url: z.url(),
  org_url: z.url(),
};
const ZFinding = z.object({
  code: z.string().describe('Stable rule code, e.g. "protocol.legacy_enabled"'),
  severity: z.enum(["info", "warning", "critical"]),
  message: z.string().describe("Names the offending items"),
  fix: z.string(),
});
const findings = z.array(ZFinding).describe("Lint findings, most severe first (read-only)");
const ZDataPowerNames = z
  .object({
    api_gateway: z.string().describe("{provider-org}_{catalog}_tlsp-{name}V{version}"),
    v5_compatible_gateway: z.string().describe("{provider-org}-{name}V{version}"),
    note: z.string(),
  })
  .describe("Names the gateway holds the profile under; {catalog} stays a placeholder until catalogs exist");
const profileOut = { scope: z.literal("org"), ...readOnly, findings, datapower_names: ZDataPowerNames };
const ZClientOut = ZClientProfileFields.extend({ type: z.literal("tls_client_profile"), ...profileOut });
const ZServerOut = ZServerProfileFields.extend({ type: z.literal("tls_server_profile"), ...profileOut });
/** `preset` may stand for both lists: then protocols and ciphers must be left out. */
const withPresetDoc = <T extends z.ZodObject>(s: T) =>
  s.extend({
    protocols: ZProtocols.optional().describe("Required unless preset is sent"),
    ciphers: ZCiphers.optional().describe("Required unless preset is sent"),
    preset: ZPresetId.optional(),
  });
const ZTlsPreset = z.object({
  id: z.enum(PRESET_IDS),
  title: z.string(),
  description: z.string(),
  legacy: z.boolean().describe("Kept for old peers only"),
  protocols: ZProtocols,
  ciphers: ZCiphers,
  weak_ciphers: z.array(ZCipher).describe("Which of its ciphers the catalogue flags weak"),
});
const ZCertificateOut = z.object({
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
const ZDependant = z.object({
  type: z.enum(["tls_client_profile", "tls_server_profile"]),
  name: z.string(),
  version: z.string(),
  title: z.string(),
});
const ZWarning = z.object({ code: z.string(), certificate: z.string(), message: z.string() });
const storeOut = {
  ...readOnly,
  findings,
  certificates: z.array(ZCertificateOut).optional().describe("Details only"),
  used_by: z.array(ZDependant).optional().describe("Details only"),
  warnings: z.array(ZWarning).optional().describe("Details only"),
};
const ZCsrSummary = z.object({
  subject: z.string(),
  subject_alt_names: z.array(z.string()),
  usage: z.enum(["server", "client", "both"]),
  key_type: z.string(),
  created_at: z.iso.datetime(),
  created_by: z.string(),
});
const ZKeystoreOut = ZStoreMeta.extend({
  type: z.literal("keystore"),
  state: z
    .enum(["active", "awaiting_certificate"])
    .describe("awaiting_certificate: a key generated here, waiting for its signed certificate; no profile may use it"),
  key_type: z.string().describe("The private key itself is never returned"),
  subject: z.string().describe("The leaf's subject; while awaiting a certificate, the one requested"),
  not_after: z.iso.datetime().nullable().describe("Null while awaiting a certificate"),
  sha256_fingerprint: z.string().nullable(),
  expired_accepted: z.boolean(),
  csr: ZCsrSummary.optional().describe("What the certificate signing request asks for; only while awaiting"),
  ...storeOut,
});
const ZTruststoreOut = ZStoreMeta.extend({
  type: z.literal("truststore"),
  not_after: z.iso.datetime().nullable(),
  certificate_count: z.number().int(),
  ...storeOut,
});

const ZOrgRef = z.object({ name: z.string(), title: z.string() }).describe("Only with scope=all");
const ZExpiringCertificate = z.object({
  org: ZOrgRef.optional(),
  kind: z.enum(["keystore", "truststore"]),
  store_name: z.string(),
  store_title: z.string(),
  position: z.number().int().describe("Place in the keystore chain (0 = leaf) or in the truststore"),
  role: z.enum(["leaf", "intermediate", "root", "trust anchor"]),
  subject: z.string(),
  issuer: z.string(),
  not_after: z.iso.datetime(),
  days_left: z.number().int().describe("Whole days left; negative once expired"),
  bucket: z.enum(EXPIRY_BUCKETS as [string, ...string[]]),
  sha256_fingerprint: z.string(),
  used_by: z.array(ZDependant),
});
const ZProfileBreak = z.object({
  org: ZOrgRef.optional(),
  type: z.enum(["tls_client_profile", "tls_server_profile"]),
  name: z.string(),
  version: z.string(),
  title: z.string(),
  breaks_at: z.iso.datetime().describe("Earliest not-after across its keystore's chain and truststore's anchors"),
  days_left: z.number().int(),
  bucket: z.enum(EXPIRY_BUCKETS as [string, ...string[]]),
  cause: z.string().describe("e.g. breaks 2027-03-02: intermediate 'R11' of keystore partner-mtls expires"),
});
const ZExpiryOverview = z.object({
  scope: z.enum(["org", "all"]),
  total_results: z.number().int(),
  results: z.array(ZExpiringCertificate).describe("One page, soonest not-after first"),
  buckets: z.record(z.enum(EXPIRY_BUCKETS as [string, ...string[]]), z.number().int()),
  timeline: z.array(z.object({ month: z.string(), count: z.number().int() })).describe("The next 12 months"),
  profiles: z.array(ZProfileBreak).describe("Soonest break first, at most 100"),
  profiles_total: z.number().int(),
  scheduled_rotations: z.array(ZScheduledRotation).describe("Scheduled keystore activations, soonest first"),
});
const ZCalendarFeedOut = z.object({
  id: z.string(),
  name: z.string(),
  created_at: z.iso.datetime(),
  created_by: z.string().describe("Email of the administrator who created it"),
});
const ZNewCalendarFeedOut = ZCalendarFeedOut.extend({
  subscription_url: z
    .url()
    .describe("The secret feed URL (…/expiry.ics?token=…): returned here once, never again; only its hash is stored"),
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
    [
      "403",
      "Not a member of the organization, the role lacks the permission, or a write with the session cookie whose Origin is not the console's",
    ],
    ["404", "No such object"],
    [
      "409",
      "Already exists, changed since it was read (If-Match), in use by a profile (the message lists them), or a protected default",
    ],
    [
      "413",
      `Body larger than ${(MAX_JSON_BODY_BYTES / 1024 / 1024).toFixed(1)} MB, or an uploaded file larger than 1 MB once decoded`,
    ],
    [
      "422",
      'A field is invalid, an upload is refused, or the organization\'s TLS policy refuses the save (the message names the rule, "policy: …"); errors[] names each field and what is wrong',
    ],
  ].map(([code, description]) => [
    code,
    { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
  ]),
);

const param = (n: string, where: "path" | "header" = "path") => ({
  name: n,
  in: where,
  required: where === "path",
  schema: { type: "string" },
});
const [org, name, version, ifMatch] = [param("org"), param("name"), param("version"), param("If-Match", "header")];
const json = (ref: string) => ({ "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } });
const ok = (description: string, ref: string) => ({ description, content: json(ref) });
const page = (ref: string) => ({
  description: "A page of results",
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
const listParams = (sorts: string) => [
  org,
  { name: "q", in: "query", schema: { type: "string" } },
  { name: "sort", in: "query", schema: { type: "string", description: `${sorts}, optionally prefixed with -` } },
  { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100 } },
  { name: "offset", in: "query", schema: { type: "integer", minimum: 0 } },
];
const pem = { description: "PEM file", content: { "application/x-pem-file": { schema: { type: "string" } } } };

/** Client and server profiles share their routes' shape. */
function profilePaths(segment: string, ref: string, noun: string) {
  const base = `/api/orgs/{org}/${segment}`;
  return {
    [base]: {
      get: {
        summary: `List ${noun}s`,
        parameters: listParams("title, name, version, protocols, updated_at"),
        responses: { "200": page(ref), ...errorResponses },
      },
      post: {
        summary: `Create a ${noun} (name derived from the title when omitted or empty)`,
        parameters: [org],
        requestBody: { required: true, content: json(`${ref}Input`) },
        responses: { "201": ok("Created", ref), ...errorResponses },
      },
    },
    [`${base}/{name}`]: {
      get: {
        summary: `Every version of a ${noun}`,
        parameters: [org, name],
        responses: { "200": page(ref), ...errorResponses },
      },
    },
    [`${base}/{name}/{version}`]: {
      get: {
        summary: "One version",
        parameters: [org, name, version],
        responses: { "200": ok("The profile (ETag: row version)", ref), ...errorResponses },
      },
      patch: {
        summary: "Change fields; send If-Match with the ETag to refuse stale updates",
        parameters: [org, name, version, ifMatch],
        requestBody: { required: true, content: json(`${ref}Patch`) },
        responses: { "200": ok("Updated", ref), ...errorResponses },
      },
      delete: {
        summary: "Delete one version",
        parameters: [org, name, version],
        responses: { "204": { description: "Deleted" }, ...errorResponses },
      },
    },
  };
}

function storePaths(segment: "keystores" | "truststores", ref: string) {
  const base = `/api/orgs/{org}/${segment}`;
  const one = `${base}/{name}`;
  return {
    [base]: {
      get: {
        summary: `List ${segment}`,
        parameters: listParams("title, name, not_after, updated_at"),
        responses: { "200": page(ref), ...errorResponses },
      },
      post: {
        summary:
          segment === "keystores"
            ? "Create a keystore from uploaded material, or from a key generated here (`generate`: awaiting its certificate, or active when `self_signed_days` is given); nothing is stored if any check fails"
            : `Create a ${segment.slice(0, -1)} from uploaded material; nothing is stored if any check fails`,
        parameters: [org],
        requestBody: { required: true, content: json(`${ref}Input`) },
        responses: { "201": ok("Created", ref), ...errorResponses },
      },
    },
    [`${one}/duplicate`]: {
      post: {
        summary: "Duplicate to customize: a copy under <name>-copy that can be edited (also for defaults)",
        parameters: [org, name],
        responses: { "201": ok("Created", ref), ...errorResponses },
      },
    },
    [one]: {
      get: {
        summary: "Details: certificates, warnings, the profiles using it",
        parameters: [org, name],
        responses: { "200": ok("Details", ref), ...errorResponses },
      },
      patch: {
        summary:
          segment === "keystores"
            ? "Change title or summary; or rotate at once with API Connect's private_key_entry and public_certificate_entry ({pem}), the diff's warning codes in `confirm` (422 otherwise)"
            : "Change title or summary",
        parameters: [org, name, ifMatch],
        requestBody: { required: true, content: json("StorePatch") },
        responses: { "200": ok("Updated", ref), ...errorResponses },
      },
      delete: {
        summary: "Delete; 409 listing the profiles that use it",
        parameters: [org, name],
        responses: { "204": { description: "Deleted" }, ...errorResponses },
      },
    },
  };
}

/** Generated from the same zod schemas that validate requests, so the document cannot drift from the code. */
export function openApiDocument(serverUrl: string) {
  const ks = "/api/orgs/{org}/keystores/{name}";
  const ts = "/api/orgs/{org}/truststores/{name}";
  return {
    openapi: "3.1.0",
    info: {
      title: "TLS console API",
      version: "1.0.0",
      description: `TLS client and server profiles, keystores and truststores with API Connect's field names. Protocols: ${TLS_PROTOCOLS.join(", ")}. ${CIPHER_NAMES.length} cipher names. Private keys are accepted, never returned.`,
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }, { session: [] }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API key created in the user menu" },
        session: { type: "apiKey", in: "cookie", name: "tls_console_session" },
      },
      schemas: {
        TlsClientProfileInput: schema(withPresetDoc(ZClientProfileFields)),
        TlsClientProfilePatch: schema(withPresetDoc(ZClientProfilePatch)),
        TlsClientProfile: schema(ZClientOut, "output"),
        TlsServerProfileInput: schema(withPresetDoc(ZServerProfileFields)),
        TlsServerProfilePatch: schema(withPresetDoc(ZServerProfilePatch)),
        TlsServerProfile: schema(ZServerOut, "output"),
        KeystoreInput: {
          oneOf: [
            schema(z.intersection(ZStoreMeta.partial({ name: true }), ZKeystoreMaterialBody)),
            schema(z.intersection(ZStoreMeta.partial({ name: true }), ZGenerateField)),
          ],
        },
        KeystoreCertificate: schema(ZCertificateBody),
        KeystoreMaterial: schema(ZKeystoreMaterialBody),
        Keystore: schema(ZKeystoreOut, "output"),
        TruststoreInput: schema(z.intersection(ZStoreMeta.partial({ name: true }), ZTruststoreMaterialBody)),
        TruststoreMaterial: schema(ZTruststoreMaterialBody),
        Truststore: schema(ZTruststoreOut, "output"),
        StorePatch: schema(ZStoreMetaPatch),
        ExpiryOverview: schema(ZExpiryOverview, "output"),
        CalendarFeedInput: schema(ZCreateCalendarFeed),
        CalendarFeed: schema(ZCalendarFeedOut, "output"),
        NewCalendarFeed: schema(ZNewCalendarFeedOut, "output"),
        TlsPreset: schema(ZTlsPreset, "output"),
        Error: schema(ZError, "output"),
        ...notificationSchemas,
        ...connectionTestSchemas,
        ...rotationSchemas,
        ...tlsPolicySchemas,
      },
    },
    paths: {
      ...profilePaths("tls-client-profiles", "TlsClientProfile", "TLS client profile"),
      ...profilePaths("tls-server-profiles", "TlsServerProfile", "TLS server profile"),
      ...storePaths("keystores", "Keystore"),
      [`${ks}/material`]: {
        put: {
          summary:
            "Rotate at once: new key and chain under the same name; every profile using it picks them up, the replaced material is kept as a version. Every warning code of the diff against the material in use must be in `confirm` (422 at `confirm` otherwise); the organization's TLS policy applies (422 at the field)",
          parameters: [org, name, ifMatch],
          requestBody: { required: true, content: json("KeystoreReplacement") },
          responses: { "200": ok("Replaced", "Keystore"), ...errorResponses },
        },
      },
      [`${ks}/csr.pem`]: {
        get: {
          summary: "The certificate signing request of a keystore awaiting its certificate (404 otherwise)",
          parameters: [org, name],
          responses: {
            "200": { description: "PKCS#10, PEM", content: { "text/plain": { schema: { type: "string" } } } },
            ...errorResponses,
          },
        },
      },
      [`${ks}/certificate`]: {
        put: {
          summary:
            "Complete a keystore awaiting its certificate: the signed certificate (+ chain) must match its key and pass every upload check; refusals are 422 at `certificate`",
          parameters: [org, name, ifMatch],
          requestBody: { required: true, content: json("KeystoreCertificate") },
          responses: { "200": ok("Active", "Keystore"), ...errorResponses },
        },
      },
      [`${ks}/chain.pem`]: {
        get: {
          summary: "The public certificate chain (never the key)",
          parameters: [org, name],
          responses: { "200": pem, ...errorResponses },
        },
      },
      ...storePaths("truststores", "Truststore"),
      [`${ts}/certificates`]: {
        post: {
          summary: "Add certificates; duplicates (same SHA-256) are merged",
          parameters: [org, name, ifMatch],
          requestBody: { required: true, content: json("TruststoreMaterial") },
          responses: { "200": ok("Updated", "Truststore"), ...errorResponses },
        },
      },
      [`${ts}/certificates/{fingerprint}`]: {
        delete: {
          summary: "Remove one certificate by SHA-256 fingerprint (colons optional); the last one cannot be removed",
          parameters: [org, name, param("fingerprint"), ifMatch],
          responses: { "200": ok("Updated", "Truststore"), ...errorResponses },
        },
      },
      "/api/orgs/{org}/expiry": {
        get: {
          summary:
            "Expiry overview: every certificate of every keystore chain and truststore, soonest first, and when each profile breaks",
          parameters: [
            org,
            ...Object.entries((schema(ZExpiryQuery) as { properties: Record<string, object> }).properties).map(
              ([n, s]) => ({ name: n, in: "query", schema: s }),
            ),
          ],
          responses: { "200": ok("The overview", "ExpiryOverview"), ...errorResponses },
        },
      },
      [`${ts}/truststore.pem`]: {
        get: {
          summary: "All certificates as one PEM bundle",
          parameters: [org, name],
          responses: { "200": pem, ...errorResponses },
        },
      },
      ...notificationPaths,
      ...tlsPolicyPaths,
      ...connectionTestPaths,
      ...rotationPaths({ org, name, errors: errorResponses }),
      "/api/orgs/{org}/calendar-feeds": {
        get: {
          summary: "Active calendar feeds (Settings: Manage); their URLs are never listed",
          parameters: [org],
          responses: { "200": page("CalendarFeed"), ...errorResponses },
        },
        post: {
          summary: "Create a calendar feed: the answer holds its secret URL, shown this once",
          parameters: [org],
          requestBody: { required: true, content: json("CalendarFeedInput") },
          responses: { "201": ok("Created", "NewCalendarFeed"), ...errorResponses },
        },
      },
      "/api/orgs/{org}/calendar-feeds/{id}": {
        delete: {
          summary: "Revoke a calendar feed: its URL answers 404 from now on",
          parameters: [org, param("id")],
          responses: { "204": { description: "Revoked" }, ...errorResponses },
        },
      },
      "/api/orgs/{org}/expiry.ics": {
        get: {
          summary: "iCalendar feed of the organization's certificate expiries (reminders 30, 7, 1 and 0 days before)",
          description:
            "Authenticated by the secret token alone (calendar applications send no headers): no API key or session. An unknown, revoked or other organization's token, or one whose creator may no longer view TLS settings, gets 404.",
          security: [],
          parameters: [org, { name: "token", in: "query", required: true, schema: { type: "string" } }],
          responses: {
            "200": { description: "iCalendar", content: { "text/calendar": { schema: { type: "string" } } } },
            "404": errorResponses["404"],
          },
        },
      },
      "/api/tls-presets": {
        get: {
          summary:
            "The dated TLS presets (never changing) with their protocols and ciphers; send `preset` on profile create or patch to use one",
          description: "Any signed-in user or API key; not tied to an organization.",
          responses: {
            "200": page("TlsPreset"),
            "401": errorResponses["401"],
          },
        },
      },
      "/api/metrics": {
        get: {
          summary: "Prometheus metrics: tls_console_certificate_expiry_timestamp_seconds, one series per certificate",
          description:
            "Bearer METRICS_TOKEN (the server's environment), or an API key of an owner or administrator of the admin organization (Cloud Manager); 403 for any other key. Never cached.",
          responses: {
            "200": {
              description: "Prometheus text format 0.0.4",
              content: { "text/plain; version=0.0.4": { schema: { type: "string" } } },
            },
            "401": errorResponses["401"],
            "403": errorResponses["403"],
          },
        },
      },
    },
  };
}
