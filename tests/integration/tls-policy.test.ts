import { beforeAll, describe, expect, it } from "vitest";
import * as clientCollection from "@/app/api/orgs/[org]/tls-client-profiles/route";
import * as clientOne from "@/app/api/orgs/[org]/tls-client-profiles/[name]/[version]/route";
import * as serverCollection from "@/app/api/orgs/[org]/tls-server-profiles/route";
import * as serverOne from "@/app/api/orgs/[org]/tls-server-profiles/[name]/[version]/route";
import * as keystores from "@/app/api/orgs/[org]/keystores/route";
import * as material from "@/app/api/orgs/[org]/keystores/[name]/material/route";
import * as certificate from "@/app/api/orgs/[org]/keystores/[name]/certificate/route";
import * as duplicate from "@/app/api/orgs/[org]/keystores/[name]/duplicate/route";
import * as policyRoute from "@/app/api/orgs/[org]/tls-policy/route";
import * as violations from "@/app/api/orgs/[org]/tls-policy/violations/route";
import * as preview from "@/app/api/orgs/[org]/tls-policy/preview/route";
import * as keystoreOne from "@/app/api/orgs/[org]/keystores/[name]/route";
import * as pendingRoute from "@/app/api/orgs/[org]/keystores/[name]/pending/route";
import * as pendingCertificate from "@/app/api/orgs/[org]/keystores/[name]/pending/certificate/route";
import * as activateRoute from "@/app/api/orgs/[org]/keystores/[name]/pending/activate/route";
import * as restoreRoute from "@/app/api/orgs/[org]/keystores/[name]/versions/[number]/restore/route";
import {
  activateRotationAction,
  completeRotationAction,
  prepareRotationGenerateAction,
  prepareRotationUploadAction,
  restoreKeystoreVersionAction,
} from "@/app/actions/keystore-rotation";
import { createClientProfileAction, updateClientProfileAction } from "@/app/actions/tls-client-profiles";
import { createServerProfileAction, updateServerProfileAction } from "@/app/actions/tls-server-profiles";
import {
  completeKeystoreAction,
  createKeystoreAction,
  duplicateKeystoreAction,
  generateKeystoreAction,
  previewKeystoreAction,
  previewReplacementAction,
  rotateKeystoreAction,
} from "@/app/actions/keystores";
import { issue, type IssuedPair } from "@/lib/crypto/pki";
import type { FieldError } from "@/lib/errors";
import { db } from "@/lib/server/platform/db";
import { saveTlsPolicy } from "@/lib/server/policy/policy";
import { createClientProfile } from "@/lib/server/profiles/client-profiles";
import { createServerProfile } from "@/lib/server/profiles/server-profiles";
import { generateKeystore, keystoreCsrPem } from "@/lib/server/stores/keystore-generation";
import { createKeystore } from "@/lib/server/stores/keystores";
import { activateDueRotations } from "@/lib/server/stores/keystore-activation";
import { activatePending, pendingCsrPem, preparePending } from "@/lib/server/stores/keystore-pending";
import { replaceKeystoreMaterial } from "@/lib/server/stores/keystore-replacement";
import { type CipherName, DEFAULT_CIPHERS } from "@/lib/tls/ciphers";
import { DEFAULT_PROTOCOLS } from "@/lib/tls/protocols";
import type { ComplianceReport } from "@/lib/tls/policy/compliance";
import { ctx, request, type Auth } from "../helpers/http";
import { opensslCa, signCsr } from "../helpers/openssl";
import { contextFor } from "../helpers/org-context";
import { keystoreUpload, testCa } from "../helpers/pki";
import { actAs } from "../helpers/request-state";
import { buildWorld } from "../helpers/world";

/** Issue 11: the organization's TLS policy, enforced through every face and write path, and the compliance view. */
let world: Awaited<ReturnType<typeof buildWorld>>;
let auth: Auth;
let seq = 0;
const signer = opensslCa("Policy CA");

const STRICT = {
  minimum_protocol: "tls_v1.2",
  forbidden_suite_classes: ["cbc-sha1", "3des"],
  minimum_rsa_bits: 3072,
  allowed_curves: ["P-256", "P-384"],
  allow_ed25519: false,
  maximum_certificate_days: 398,
  require_extended_key_usage: true,
  forbid_insecure_server_connections: true,
  forbid_sni_off: true,
};

/** What every new profile body carries unless a case changes it. */
const lists = { protocols: DEFAULT_PROTOCOLS, ciphers: DEFAULT_CIPHERS };
const pair = (cn: string, usage: "server" | "client", toDays = 90, keyKind: "ec-p256" | "rsa-2048" = "ec-p256") =>
  issue(new Date(), { commonName: cn, usage, dnsNames: [cn], toDays, keyKind }, testCa);
const pemOf = (p: IssuedPair) => p.keyPem + p.certPem + testCa.certPem;
const keyRequest = (key_type: string, extra: object = {}) => ({
  key_type,
  subject: { common_name: "api.acme.test" },
  usage: "server",
  ...extra,
});

beforeAll(async () => {
  world = await buildWorld();
  auth = { bearer: world.users.orgAdmin.apiKey };
  const owner = await contextFor(world);
  // Made before the policy: compliant ones to edit, and non-compliant ones the compliance view must list.
  await createKeystore(owner, { title: "Server KS" }, keystoreUpload(pair("srv.test", "server")));
  await createKeystore(owner, { title: "Client KS" }, keystoreUpload(pair("cli.test", "client")));
  await createKeystore(owner, { title: "Long KS" }, keystoreUpload(pair("long.test", "server", 825)));
  await generateKeystore(owner, { title: "Pending KS" }, keyRequest("ec-p256"));
  await createClientProfile(owner, { ...lists, title: "Ok client", version: "1.0.0", keystore_url: "client-ks" });
  await createServerProfile(owner, { ...lists, title: "Ok server", version: "1.0.0", keystore_url: "server-ks" });
  // Staged rotation (ADR 026), prepared before the policy: material it refuses waits to be swapped in.
  await createKeystore(owner, { title: "Swap KS" }, keystoreUpload(pair("swap-ks.test", "server")));
  await preparePending(owner, "swap-ks", { upload: keystoreUpload(pair("swap-ks.test", "server", 825)) });
  await createKeystore(owner, { title: "CSR KS" }, keystoreUpload(pair("csr-ks.test", "server")));
  await preparePending(owner, "csr-ks", { generate: keyRequest("ec-p256") });
  await createKeystore(owner, { title: "History KS" }, keystoreUpload(pair("history.test", "server", 825)));
  await replaceKeystoreMaterial(owner, "history-ks", keystoreUpload(pair("history.test", "server")), undefined, [
    "expires_sooner",
  ]);
  await createClientProfile(owner, {
    ...lists,
    title: "Weak client",
    version: "1.0.0",
    protocols: ["tls_v1.0", "tls_v1.1", "tls_v1.2"],
  });
  await saveTlsPolicy(owner, STRICT);
  // A protected default is created by the installation, whatever the policy: exempt, but reported.
  await createClientProfile(
    owner,
    { ...lists, title: "Default insecure", version: "1.0.0", insecure_server_connections: true },
    true,
  );
});

/** Everything a refused save could have written. */
const state = async () => ({
  clients: await db().tlsClientProfile.findMany({ orderBy: { id: "asc" } }),
  servers: await db().tlsServerProfile.findMany({ orderBy: { id: "asc" } }),
  keystores: await db().keystore.findMany({ orderBy: { id: "asc" } }),
  certificates: await db().certificate.count(),
  pending: await db().keystorePending.findMany({ orderBy: { id: "asc" } }),
  versions: await db().keystoreVersion.count(),
  audit: await db().auditEvent.count(),
});

const org = () => ctx({ org: world.org });
const named = (name: string) => ctx({ org: world.org, name });
const profile = (name: string) => ctx({ org: world.org, name, version: "1.0.0" });
/** The row version an editor read: what the forms send back. */
const rowVersion = async (model: "tlsClientProfile" | "tlsServerProfile" | "keystore", name: string) => {
  const where = { where: { name }, select: { rowVersion: true } };
  const row =
    model === "keystore"
      ? await db().keystore.findFirstOrThrow(where)
      : model === "tlsClientProfile"
        ? await db().tlsClientProfile.findFirstOrThrow(where)
        : await db().tlsServerProfile.findFirstOrThrow(where);
  return row.rowVersion;
};

function uploadForm(fields: Record<string, string>, text: string): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  f.append("files", new File([text], "bundle.pem"));
  return f;
}

interface Case {
  name: string;
  /** The field the refusal must name and the rule its message must start with. */
  field: string;
  rule: RegExp;
  rest: () => Promise<Response>;
  /** The server action of the same path; none for REST-only faces (API Connect's PATCH fields). */
  action?: () => Promise<{ ok: boolean; code?: string; fieldErrors?: FieldError[] }>;
  /** The field the form reports it at, when it differs (uploads: the file input). */
  actionField?: string;
}

const rsa2048 = pair("rsa.test", "server", 90, "rsa-2048");
const longLived = pair("long2.test", "server", 825);
const clientOnly = pair("swap.test", "client");
const cbc: CipherName[] = ["ECDHE_RSA_WITH_AES_128_CBC_SHA", "ECDHE_RSA_WITH_AES_128_GCM_SHA256"];

const CASES: Case[] = [
  {
    name: "client profile create: protocol below the minimum",
    field: "protocols",
    rule: /^policy: minimum protocol is TLS 1\.2 \(TLS 1\.1 is enabled\)/,
    rest: () =>
      clientCollection.POST(
        request("POST", "/x", auth, {
          ...lists,
          title: `C${++seq}`,
          version: "1",
          protocols: ["tls_v1.1", "tls_v1.2"],
        }),
        org(),
      ),
    action: () =>
      createClientProfileAction(world.org, {
        ...lists,
        title: `C${++seq}`,
        version: "1",
        protocols: ["tls_v1.1", "tls_v1.2"],
      }),
  },
  {
    name: "client profile update: insecure server connections",
    field: "insecure_server_connections",
    rule: /^policy: insecure server connections are forbidden/,
    rest: () =>
      clientOne.PATCH(request("PATCH", "/x", auth, { insecure_server_connections: true }), profile("ok-client")),
    action: async () =>
      updateClientProfileAction(
        world.org,
        { name: "ok-client", version: "1.0.0", rowVersion: await rowVersion("tlsClientProfile", "ok-client") },
        { insecure_server_connections: true },
      ),
  },
  {
    name: "client profile update: SNI off",
    field: "server_name_indication",
    rule: /^policy: Server Name Indication stays on/,
    rest: () => clientOne.PATCH(request("PATCH", "/x", auth, { server_name_indication: false }), profile("ok-client")),
    action: async () =>
      updateClientProfileAction(
        world.org,
        { name: "ok-client", version: "1.0.0", rowVersion: await rowVersion("tlsClientProfile", "ok-client") },
        { server_name_indication: false },
      ),
  },
  {
    name: "client profile create: keystore without clientAuth",
    field: "keystore_url",
    rule: /^policy: a profile's keystore certificate allows its purpose .*server-ks does not allow clientAuth/,
    rest: () =>
      clientCollection.POST(
        request("POST", "/x", auth, { ...lists, title: `C${++seq}`, version: "1", keystore_url: "server-ks" }),
        org(),
      ),
    action: () =>
      createClientProfileAction(world.org, { ...lists, title: `C${++seq}`, version: "1", keystore_url: "server-ks" }),
  },
  {
    name: "server profile create: forbidden suite class",
    field: "ciphers",
    rule: /^policy: suites with CBC with SHA-1 MAC and 3DES .* are forbidden \(selected: ECDHE_RSA_WITH_AES_128_CBC_SHA/,
    rest: () =>
      serverCollection.POST(
        request("POST", "/x", auth, {
          ...lists,
          title: `S${++seq}`,
          version: "1",
          protocols: ["tls_v1.2"],
          ciphers: cbc,
          keystore_url: "server-ks",
        }),
        org(),
      ),
    action: () =>
      createServerProfileAction(world.org, {
        ...lists,
        title: `S${++seq}`,
        version: "1",
        protocols: ["tls_v1.2"],
        ciphers: cbc,
        keystore_url: "server-ks",
      }),
  },
  {
    name: "server profile update: keystore without serverAuth",
    field: "keystore_url",
    rule: /^policy: a profile's keystore certificate allows its purpose/,
    rest: () => serverOne.PATCH(request("PATCH", "/x", auth, { keystore_url: "client-ks" }), profile("ok-server")),
    action: async () =>
      updateServerProfileAction(
        world.org,
        { name: "ok-server", version: "1.0.0", rowVersion: await rowVersion("tlsServerProfile", "ok-server") },
        { keystore_url: "client-ks" },
      ),
  },
  {
    name: "keystore upload: RSA below the minimum",
    field: "keystore",
    actionField: "files",
    rule: /^policy: RSA keys have at least 3072 bits \(this key is RSA 2048\)/,
    rest: () => keystores.POST(request("POST", "/x", auth, { title: `K${++seq}`, keystore: pemOf(rsa2048) }), org()),
    action: () => createKeystoreAction(world.org, uploadForm({ title: `K${++seq}` }, pemOf(rsa2048))),
  },
  {
    name: "keystore upload: certificate lifetime above the maximum",
    field: "certificate",
    actionField: "files",
    rule: /^policy: certificates are valid for at most 398 days \(this certificate is valid for 826 days\)/,
    rest: () =>
      keystores.POST(
        request("POST", "/x", auth, {
          title: `K${++seq}`,
          private_key: longLived.keyPem,
          certificate: longLived.certPem + testCa.certPem,
        }),
        org(),
      ),
    action: () => createKeystoreAction(world.org, uploadForm({ title: `K${++seq}` }, pemOf(longLived))),
  },
  {
    name: "key generation: key type",
    field: "generate.key_type",
    rule: /^policy: RSA keys have at least 3072 bits \(this key is RSA 2048\)/,
    rest: () =>
      keystores.POST(request("POST", "/x", auth, { title: `G${++seq}`, generate: keyRequest("rsa-2048") }), org()),
    action: () => generateKeystoreAction(world.org, { title: `G${++seq}`, generate: keyRequest("rsa-2048") }),
  },
  {
    name: "key generation: Ed25519 not allowed",
    field: "generate.key_type",
    rule: /^policy: Ed25519 keys are not allowed/,
    rest: () =>
      keystores.POST(request("POST", "/x", auth, { title: `G${++seq}`, generate: keyRequest("ed25519") }), org()),
    action: () => generateKeystoreAction(world.org, { title: `G${++seq}`, generate: keyRequest("ed25519") }),
  },
  {
    name: "key generation: self-signed days",
    field: "generate.self_signed_days",
    rule: /^policy: certificates are valid for at most 398 days \(this one would be valid for 500 days\)/,
    rest: () =>
      keystores.POST(
        request("POST", "/x", auth, { title: `G${++seq}`, generate: keyRequest("ec-p256", { self_signed_days: 500 }) }),
        org(),
      ),
    action: () =>
      generateKeystoreAction(world.org, {
        title: `G${++seq}`,
        generate: keyRequest("ec-p256", { self_signed_days: 500 }),
      }),
  },
  {
    name: "rotation: new certificate lacks the purpose of the profiles using the keystore",
    field: "certificate",
    actionField: "files",
    rule: /^policy: a profile's keystore certificate allows its purpose .*server-ks does not allow serverAuth/,
    rest: () =>
      material.PUT(
        request("PUT", "/x", auth, {
          private_key: clientOnly.keyPem,
          certificate: clientOnly.certPem + testCa.certPem,
        }),
        named("server-ks"),
      ),
    action: async () =>
      rotateKeystoreAction(
        world.org,
        { name: "server-ks", rowVersion: await rowVersion("keystore", "server-ks") },
        uploadForm({}, pemOf(clientOnly)),
      ),
  },
  {
    name: "certificate completion: lifetime above the maximum",
    field: "certificate",
    rule: /^policy: certificates are valid for at most 398 days \(this certificate is valid for 500 days\)/,
    rest: async () =>
      certificate.PUT(request("PUT", "/x", auth, { certificate: await signedPending(500) }), named("pending-ks")),
    action: async () => {
      const f = new FormData();
      f.set("certificate", await signedPending(500));
      return completeKeystoreAction(
        world.org,
        { name: "pending-ks", rowVersion: await rowVersion("keystore", "pending-ks") },
        f,
      );
    },
  },
  {
    name: "duplicate: a copy of a non-compliant keystore is a new keystore",
    field: "file",
    rule: /^policy: certificates are valid for at most 398 days \(this certificate is valid for 826 days\)/,
    rest: () => duplicate.POST(request("POST", "/x", auth), named("long-ks")),
    action: () => duplicateKeystoreAction(world.org, "long-ks"),
  },
];

const later = () => new Date(Date.now() + 3_600_000).toISOString();
const version = (name: string, n: number) => ctx({ org: world.org, name, number: String(n) });

/** Staged rotation's write paths (ADR 026): the same policy at each, at the field that carried the material. */
const ROTATION_CASES: Case[] = [
  {
    name: "rotation prepared by upload: RSA below the minimum",
    field: "keystore",
    actionField: "files",
    rule: /^policy: RSA keys have at least 3072 bits \(this key is RSA 2048\)/,
    rest: () => pendingRoute.POST(request("POST", "/x", auth, { keystore: pemOf(rsa2048) }), named("server-ks")),
    action: () => prepareRotationUploadAction(world.org, "server-ks", uploadForm({}, pemOf(rsa2048))),
  },
  {
    name: "rotation prepared by generating: key type",
    field: "generate.key_type",
    rule: /^policy: RSA keys have at least 3072 bits \(this key is RSA 2048\)/,
    rest: () =>
      pendingRoute.POST(request("POST", "/x", auth, { generate: keyRequest("rsa-2048") }), named("server-ks")),
    action: () => prepareRotationGenerateAction(world.org, "server-ks", keyRequest("rsa-2048")),
  },
  {
    name: "rotation prepared by generating: self-signed days",
    field: "generate.self_signed_days",
    rule: /^policy: certificates are valid for at most 398 days \(this one would be valid for 500 days\)/,
    rest: () =>
      pendingRoute.POST(
        request("POST", "/x", auth, { generate: keyRequest("ec-p256", { self_signed_days: 500 }) }),
        named("server-ks"),
      ),
    action: () =>
      prepareRotationGenerateAction(world.org, "server-ks", keyRequest("ec-p256", { self_signed_days: 500 })),
  },
  {
    name: "rotation prepared by generating: usage lacks the purpose of the profiles using the keystore",
    field: "generate.usage",
    rule: /^policy: a profile's keystore certificate allows its purpose .*server-ks does not allow serverAuth/,
    rest: () =>
      pendingRoute.POST(
        request("POST", "/x", auth, { generate: keyRequest("ec-p256", { usage: "client" }) }),
        named("server-ks"),
      ),
    action: () => prepareRotationGenerateAction(world.org, "server-ks", keyRequest("ec-p256", { usage: "client" })),
  },
  {
    name: "pending key completed: lifetime above the maximum",
    field: "certificate",
    rule: /^policy: certificates are valid for at most 398 days \(this certificate is valid for 500 days\)/,
    rest: async () =>
      pendingCertificate.PUT(
        request("PUT", "/x", auth, { certificate: await signedPending(500, "csr-ks") }),
        named("csr-ks"),
      ),
    action: async () => {
      const f = new FormData();
      f.set("certificate", await signedPending(500, "csr-ks"));
      return completeRotationAction(world.org, "csr-ks", f);
    },
  },
  {
    name: "activation now: the pending certificate outlives the maximum",
    field: "certificates",
    rule: /^policy: certificates are valid for at most 398 days \(this certificate is valid for 826 days\)/,
    rest: () => activateRoute.POST(request("POST", "/x", auth, {}), named("swap-ks")),
    action: () => activateRotationAction(world.org, "swap-ks", {}),
  },
  {
    name: "activation scheduled: refused when scheduling, not only when it fires",
    field: "certificates",
    rule: /^policy: certificates are valid for at most 398 days \(this certificate is valid for 826 days\)/,
    rest: () => activateRoute.POST(request("POST", "/x", auth, { at: later() }), named("swap-ks")),
    action: () => activateRotationAction(world.org, "swap-ks", { at: later() }),
  },
  {
    name: "roll back to a kept version the policy now refuses",
    field: "certificates",
    rule: /^policy: certificates are valid for at most 398 days \(this certificate is valid for 826 days\)/,
    rest: () => restoreRoute.POST(request("POST", "/x", auth, {}), version("history-ks", 1)),
    action: () => restoreKeystoreVersionAction(world.org, "history-ks", 1, []),
  },
  {
    name: "API Connect's update fields on PATCH: RSA below the minimum",
    field: "private_key_entry",
    rule: /^policy: RSA keys have at least 3072 bits \(this key is RSA 2048\)/,
    rest: () =>
      keystoreOne.PATCH(
        request("PATCH", "/x", auth, {
          private_key_entry: { pem: rsa2048.keyPem },
          public_certificate_entry: { pem: rsa2048.certPem + testCa.certPem },
        }),
        named("server-ks"),
      ),
  },
];
const EVERY_PATH = [...CASES, ...ROTATION_CASES];

async function signedPending(days: number, keystore = "pending-ks"): Promise<string> {
  const owner = await contextFor(world);
  const csr = keystore === "pending-ks" ? await keystoreCsrPem(owner, keystore) : await pendingCsrPem(owner, keystore);
  return signCsr(csr, signer, { days }).toString() + signer.certPem;
}

describe("the policy refuses every write path through REST: 422 at the field, naming the rule; nothing stored", () => {
  it.each(EVERY_PATH)("$name", async ({ field, rule, rest }) => {
    const before = await state();
    const res = await rest();
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(422);
    expect(body.errors).toEqual([{ field, message: expect.stringMatching(rule) }]);
    expect(body.message).toMatch(rule);
    expect(await state()).toEqual(before);
  });
});

describe("the policy refuses every write path through the server actions (the UI) alike", () => {
  it.each(EVERY_PATH.filter((c) => c.action))("$name", async ({ field, actionField, rule, action }) => {
    actAs(world.users.owner.session);
    const before = await state();
    const result = await action!();
    expect(result).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(result.fieldErrors).toEqual([{ field: actionField ?? field, message: expect.stringMatching(rule) }]);
    expect(await state()).toEqual(before);
  });
});

describe("the review step (Check files) refuses what saving would refuse", () => {
  it.each([
    ["a new keystore", () => previewKeystoreAction(world.org, uploadForm({ title: `P${++seq}` }, pemOf(rsa2048)))],
    ["a replacement", () => previewReplacementAction(world.org, "server-ks", uploadForm({}, pemOf(rsa2048)))],
  ])("%s: at the files field, naming the rule; nothing stored", async (_, check) => {
    actAs(world.users.owner.session);
    const before = await state();
    const result = await check();
    expect(result).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(result.ok ? [] : result.fieldErrors).toEqual([
      { field: "files", message: expect.stringMatching(/^policy: RSA keys have at least 3072 bits/) },
    ]);
    expect(await state()).toEqual(before);
  });
});

describe("what the policy lets through", () => {
  it("compliant saves pass on every path", async () => {
    const patch = await clientOne.PATCH(request("PATCH", "/x", auth, { summary: "edited" }), profile("ok-client"));
    expect(patch.status).toBe(200);
    const generated = await keystores.POST(
      request("POST", "/x", auth, { title: `G${++seq}`, generate: keyRequest("ec-p384", { self_signed_days: 398 }) }),
      org(),
    );
    expect(generated.status).toBe(201);
    const completed = await certificate.PUT(
      request("PUT", "/x", auth, { certificate: await signedPending(90) }),
      named("pending-ks"),
    );
    expect(completed.status, await completed.clone().text()).toBe(200);
    // A replacement confirms its diff's warnings (ADR 026): the new certificate drops the old SAN.
    const rotated = await material.PUT(
      request("PUT", "/x", auth, { keystore: pemOf(pair("srv2.test", "server")), confirm: ["san_removed"] }),
      named("server-ks"),
    );
    expect(rotated.status).toBe(200);
  });

  it("lists several violations of one save together, each at its field", async () => {
    const res = await clientCollection.POST(
      request("POST", "/x", auth, {
        ...lists,
        title: `C${++seq}`,
        version: "1",
        protocols: ["tls_v1.0", "tls_v1.2"],
        server_name_indication: false,
      }),
      org(),
    );
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.errors.map((e: FieldError) => e.field)).toEqual(["protocols", "server_name_indication"]);
    expect(body.message).toMatch(/^This breaks 2 rules of the organization's TLS policy: policy: minimum protocol/);
  });
});

describe("a scheduled swap when its time comes under a stricter policy", () => {
  it("is refused, stays pending but unscheduled, records why once (two schedulers), and is audited", async () => {
    const owner = await contextFor(world);
    const now = new Date();
    const at = new Date(now.getTime() + 3_600_000);
    await createKeystore(owner, { title: "Sched KS" }, keystoreUpload(pair("sched.test", "server")));
    const before = await db().keystore.findFirstOrThrow({ where: { name: "sched-ks" } });
    // 200 days: allowed by STRICT (398) when scheduled, refused once the maximum drops to 100.
    await preparePending(owner, "sched-ks", { upload: keystoreUpload(pair("sched.test", "server", 200)) });
    await activatePending(owner, "sched-ks", { at: at.toISOString() }, now);
    await saveTlsPolicy(owner, { ...STRICT, maximum_certificate_days: 100 });
    try {
      const runs = await Promise.all([activateDueRotations(at), activateDueRotations(at)]);
      expect(runs.reduce((n, r) => n + r.refused, 0)).toBe(1);
      expect(runs.every((r) => r.swapped === 0 && r.failed === 0)).toBe(true);
      const after = await db().keystore.findFirstOrThrow({ where: { name: "sched-ks" } });
      expect(after).toEqual(before);
      const res = await pendingRoute.GET(request("GET", "/x", auth), named("sched-ks"));
      const pending = await res.json();
      expect(pending).toMatchObject({
        state: "ready",
        activate_at: null,
        refused: {
          at: at.toISOString(),
          reason: expect.stringMatching(
            /^policy: certificates are valid for at most 100 days \(this certificate is valid for 201 days\)/,
          ),
        },
      });
      const audits = await db().auditEvent.findMany({ where: { targetName: "sched-ks", action: "refuse-activation" } });
      expect(audits).toHaveLength(1);
      expect(audits[0].actorEmail).toBe("scheduler");
      expect(JSON.parse(audits[0].changes)).toMatchObject({
        scheduled_by: { from: owner.actor.email },
        activate_at: { from: at.toISOString() },
        refused: { to: expect.stringMatching(/^policy: certificates are valid for at most 100 days/) },
      });
      // Not retried every minute: the schedule is off until someone acts.
      expect(await activateDueRotations(new Date(at.getTime() + 60_000))).toEqual({
        swapped: 0,
        failed: 0,
        refused: 0,
      });
    } finally {
      await saveTlsPolicy(owner, STRICT);
    }
    // Once the policy allows it again, activating it works and the refusal goes with the pending row.
    const activated = await activateRoute.POST(request("POST", "/x", auth, {}), named("sched-ks"));
    expect(activated.status, await activated.clone().text()).toBe(200);
    expect(await db().keystorePending.count({ where: { keystoreId: before.id } })).toBe(0);
  });
});

describe("the compliance view", () => {
  it("GET violations lists every object the policy in force refuses, defaults exempt but reported", async () => {
    const res = await violations.GET(request("GET", "/x", auth), org());
    expect(res.status).toBe(200);
    const report: ComplianceReport = await res.json();
    const listed = report.results.map((r) => `${r.type}:${r.name}`).sort();
    expect(listed).toEqual([
      "keystore:long-ks",
      "tls_client_profile:default-insecure",
      "tls_client_profile:weak-client",
    ]);
    const weak = report.results.find((r) => r.name === "weak-client")!;
    expect(weak).toMatchObject({
      version: "1.0.0",
      is_default: false,
      url: expect.stringContaining(`/api/orgs/${world.org}/tls-client-profiles/weak-client/1.0.0`),
      violations: [
        { rule: "minimum_protocol", field: "protocols", message: expect.stringMatching(/^policy: minimum/) },
      ],
    });
    expect(weak.findings.map((f) => f.code)).toContain("protocol.legacy_enabled");
    expect(report.results.find((r) => r.name === "long-ks")!.violations).toEqual([
      expect.objectContaining({ rule: "maximum_certificate_days", field: "certificates" }),
    ]);
    expect(report.results.find((r) => r.name === "default-insecure")).toMatchObject({ is_default: true });
    expect(report).toMatchObject({
      total_results: 3,
      exempt: 1,
      blocked: { tls_client_profile: 1, tls_server_profile: 0, keystore: 1 },
      policy: STRICT,
    });
    const paged: ComplianceReport = await (
      await violations.GET(request("GET", "/x?limit=1&offset=1", auth), org())
    ).json();
    expect(paged.results).toEqual([report.results[1]]);
    expect(paged.total_results).toBe(3);
  });

  it("POST preview judges a proposed policy without saving it", async () => {
    const before = await state();
    const policyBefore = await (await policyRoute.GET(request("GET", "/x", auth), org())).json();
    const res = await preview.POST(request("POST", "/x", auth, { minimum_protocol: "tls_v1.3" }), org());
    expect(res.status).toBe(200);
    const report: ComplianceReport = await res.json();
    // Every profile enabling TLS 1.2 would be refused at its next edit; keystores are not concerned.
    expect(report.blocked.keystore).toBe(0);
    expect(report.blocked.tls_client_profile).toBe(
      await db().tlsClientProfile.count({ where: { isDefault: false, orgId: (await contextFor(world)).org.id } }),
    );
    expect(report.results.every((r) => r.violations.every((v) => v.rule === "minimum_protocol"))).toBe(true);
    expect(await (await policyRoute.GET(request("GET", "/x", auth), org())).json()).toEqual(policyBefore);
    expect(await state()).toEqual(before);
    const bad = await preview.POST(request("POST", "/x", auth, { minimum_rsa_bits: 512 }), org());
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors[0].field).toBe("minimum_rsa_bits");
  });

  it("a long list in a hostile body is one issue and a small answer, for a viewer's preview and the PUT alike", async () => {
    const before = await state();
    const policyBefore = await (await policyRoute.GET(request("GET", "/x", auth), org())).json();
    const body = `{"allowed_curves":[${Array(200_000).fill("1").join(",")}]}`;
    const viewer = { bearer: world.users.customView.apiKey };
    for (const res of [
      await preview.POST(request("POST", "/x", viewer, body), org()),
      await policyRoute.PUT(request("PUT", "/x", auth, body), org()),
    ]) {
      const text = await res.text();
      expect(res.status).toBe(422);
      expect(JSON.parse(text).errors).toEqual([{ field: "allowed_curves", message: expect.any(String) }]);
      expect(text.length).toBeLessThan(1000);
    }
    expect(await (await policyRoute.GET(request("GET", "/x", auth), org())).json()).toEqual(policyBefore);
    expect(await state()).toEqual(before);
  });

  it("GET and PUT tls-policy: the whole policy, replaced, audited; an open policy accepts what was refused", async () => {
    const got = await (await policyRoute.GET(request("GET", "/x", auth), org())).json();
    expect(got).toMatchObject({ ...STRICT, updated_by: world.users.owner.email });
    const put = await policyRoute.PUT(request("PUT", "/x", auth, { forbid_sni_off: true }), org());
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ minimum_protocol: null, forbid_sni_off: true, minimum_rsa_bits: null });
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { targetType: "tls-policy" },
      orderBy: { createdAt: "desc" },
    });
    expect(JSON.parse(audit.changes)).toMatchObject({ minimum_protocol: { from: "tls_v1.2", to: null } });
    const res = await clientCollection.POST(
      request("POST", "/x", auth, { ...lists, title: `C${++seq}`, version: "1", protocols: ["tls_v1.1", "tls_v1.2"] }),
      org(),
    );
    expect(res.status).toBe(201);
    const bad = await policyRoute.PUT(request("PUT", "/x", auth, { allowed_curves: ["P-192"] }), org());
    expect(bad.status).toBe(422);
    await saveTlsPolicy(await contextFor(world), STRICT);
  });
});
