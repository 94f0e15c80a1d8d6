import { beforeAll, describe, expect, it } from "vitest";
import * as keystores from "@/app/api/orgs/[org]/keystores/route";
import * as keystore from "@/app/api/orgs/[org]/keystores/[name]/route";
import * as keystoreMaterial from "@/app/api/orgs/[org]/keystores/[name]/material/route";
import * as keystoreChain from "@/app/api/orgs/[org]/keystores/[name]/chain.pem/route";
import * as keystoreDuplicate from "@/app/api/orgs/[org]/keystores/[name]/duplicate/route";
import * as keystoreCsr from "@/app/api/orgs/[org]/keystores/[name]/csr.pem/route";
import * as keystoreCertificate from "@/app/api/orgs/[org]/keystores/[name]/certificate/route";
import * as truststores from "@/app/api/orgs/[org]/truststores/route";
import * as truststoreDuplicate from "@/app/api/orgs/[org]/truststores/[name]/duplicate/route";
import * as truststore from "@/app/api/orgs/[org]/truststores/[name]/route";
import * as truststoreCerts from "@/app/api/orgs/[org]/truststores/[name]/certificates/route";
import * as truststoreCert from "@/app/api/orgs/[org]/truststores/[name]/certificates/[fingerprint]/route";
import * as truststorePem from "@/app/api/orgs/[org]/truststores/[name]/truststore.pem/route";
import * as expiry from "@/app/api/orgs/[org]/expiry/route";
import * as serverProfiles from "@/app/api/orgs/[org]/tls-server-profiles/route";
import * as serverByName from "@/app/api/orgs/[org]/tls-server-profiles/[name]/route";
import * as serverByVersion from "@/app/api/orgs/[org]/tls-server-profiles/[name]/[version]/route";
import {
  completeKeystoreAction,
  createKeystoreAction,
  deleteKeystoresAction,
  generateKeystoreAction,
  duplicateKeystoreAction,
  previewKeystoreAction,
  previewReplacementAction,
  rotateKeystoreAction,
  updateKeystoreAction,
} from "@/app/actions/keystores";
import {
  addTruststoreCertificatesAction,
  createTruststoreAction,
  deleteTruststoresAction,
  duplicateTruststoreAction,
  previewTruststoreAction,
  removeTruststoreCertificateAction,
  updateTruststoreAction,
} from "@/app/actions/truststores";
import {
  createServerProfileAction,
  deleteServerProfilesAction,
  updateServerProfileAction,
} from "@/app/actions/tls-server-profiles";
import { issue } from "@/lib/crypto/pki";
import { db } from "@/lib/server/platform/db";
import { createKeystore } from "@/lib/server/stores/keystores";
import { generateKeystore, keystoreCsrPem } from "@/lib/server/stores/keystore-generation";
import { createServerProfile } from "@/lib/server/profiles/server-profiles";
import { createTruststore } from "@/lib/server/stores/truststores";
import { DEFAULT_CIPHERS } from "@/lib/tls/ciphers";
import { ctx, request, type Auth } from "../helpers/http";
import { contextFor } from "../helpers/org-context";
import { keystoreUpload, leaf, pemUpload, testCa } from "../helpers/pki";
import { opensslCa, signCsr } from "../helpers/openssl";
import { actAs } from "../helpers/request-state";
import { buildWorld, PRINCIPALS, type Principal } from "../helpers/world";
import { whoMay } from "../helpers/who-may";

/** Every keystore, truststore and server-profile route and action, for every principal (see authorization-matrix). */
type Who = Principal | "anonymous" | "revokedKey" | "expiredKey" | "elsewhereKey";
const EVERYONE: Who[] = [...PRINCIPALS, "anonymous", "revokedKey", "expiredKey", "elsewhereKey"];
/** Nobody is authenticated (401) by no credentials, a revoked key or an expired one. */
const UNAUTHENTICATED: Who[] = ["anonymous", "revokedKey", "expiredKey"];

let world: Awaited<ReturnType<typeof buildWorld>>;
let seq = 0;
beforeAll(async () => {
  world = await buildWorld();
});

const state = async () => ({
  keystores: await db().keystore.findMany({ orderBy: { id: "asc" } }),
  pending: await db().keystorePending.findMany({ orderBy: { id: "asc" } }),
  truststores: await db().truststore.findMany({ orderBy: { id: "asc" } }),
  certificates: await db().certificate.count(),
  servers: await db().tlsServerProfile.findMany({ orderBy: { id: "asc" } }),
  audit: await db().auditEvent.count(),
});

/** Fresh targets per case: a keystore, a truststore with two CAs, and a server profile using an unrelated keystore. */
async function target() {
  const owner = await contextFor(world, "owner");
  const n = ++seq;
  const ks = await createKeystore(owner, { title: `Keystore ${n}` }, keystoreUpload(leaf(`ks${n}.test`)));
  const spare = issue(new Date(), { commonName: `Spare CA ${n}`, usage: "ca" });
  const ts = await createTruststore(owner, { title: `Truststore ${n}` }, pemUpload(testCa.certPem + spare.certPem));
  const used = await createKeystore(owner, { title: `Used ${n}` }, keystoreUpload(leaf(`used${n}.test`)));
  const sp = await createServerProfile(owner, {
    title: `Server ${n}`,
    version: "1.0.0",
    protocols: ["tls_v1.3"],
    ciphers: DEFAULT_CIPHERS,
    keystore_url: used.name,
  });
  // A keystore generated here, awaiting its certificate.
  const aw = await generateKeystore(owner, { title: `Awaiting ${n}` }, generation(`aw${n}.test`));
  return { ks, ts, sp, aw, spare: ts.certificates![1].sha256_fingerprint };
}
const generation = (commonName: string) => ({
  key_type: "ec-p256",
  subject: { common_name: commonName },
  usage: "server",
});
const signingCa = opensslCa("Matrix CA");
/** The certificate that completes the target's awaiting keystore, as PEM text. */
async function signedFor(t: { aw: { name: string } }): Promise<string> {
  const csr = await keystoreCsrPem(await contextFor(world, "owner"), t.aw.name);
  return signCsr(csr, signingCa).toString("utf8") + signingCa.certPem;
}
type Target = Awaited<ReturnType<typeof target>>;

function restAuth(who: Who): Auth {
  if (who === "anonymous") return null;
  if (who === "revokedKey") return { bearer: world.revokedKey };
  if (who === "expiredKey") return { bearer: world.expiredKey };
  if (who === "elsewhereKey") return { bearer: world.elsewhereKey };
  return seq % 2 === 0 ? { bearer: world.users[who].apiKey } : { session: world.users[who].session };
}

const pemOf = (p: ReturnType<typeof leaf>) => p.keyPem + p.certPem;
const o = () => world.org;
type RestCase = { name: string; allowed: Who[]; call: (a: Auth, t: Target) => Promise<Response> };
const REST: RestCase[] = [
  {
    name: "GET keystores",
    allowed: whoMay("viewKeystores"),
    call: (a) => keystores.GET(request("GET", "/x", a), ctx({ org: o() })),
  },
  {
    name: "POST keystore",
    allowed: whoMay("createKeystore"),
    call: (a) =>
      keystores.POST(request("POST", "/x", a, { title: `K ${++seq}`, keystore: pemOf(leaf()) }), ctx({ org: o() })),
  },
  {
    name: "GET keystore",
    allowed: whoMay("viewKeystores"),
    call: (a, t) => keystore.GET(request("GET", "/x", a), ctx({ org: o(), name: t.ks.name })),
  },
  {
    name: "PATCH keystore",
    allowed: whoMay("updateKeystore"),
    call: (a, t) => keystore.PATCH(request("PATCH", "/x", a, { summary: "s" }), ctx({ org: o(), name: t.ks.name })),
  },
  {
    name: "DELETE keystore",
    allowed: whoMay("deleteKeystores"),
    call: (a, t) => keystore.DELETE(request("DELETE", "/x", a), ctx({ org: o(), name: t.ks.name })),
  },
  {
    name: "PUT keystore material",
    allowed: whoMay("rotateKeystore"),
    call: (a, t) =>
      keystoreMaterial.PUT(
        // The new certificate names another host: the diff's warning is confirmed (ADR 026).
        request("PUT", "/x", a, { keystore: pemOf(leaf()), confirm: ["san_removed"] }),
        ctx({ org: o(), name: t.ks.name }),
      ),
  },
  {
    name: "POST keystore generate",
    allowed: whoMay("createKeystore"),
    call: (a) =>
      keystores.POST(
        request("POST", "/x", a, { title: `G ${++seq}`, generate: generation(`g${seq}.test`) }),
        ctx({ org: o() }),
      ),
  },
  {
    name: "GET keystore csr.pem",
    allowed: whoMay("viewKeystores"),
    call: (a, t) => keystoreCsr.GET(request("GET", "/x", a), ctx({ org: o(), name: t.aw.name })),
  },
  {
    name: "PUT keystore certificate",
    allowed: whoMay("completeKeystore"),
    call: async (a, t) =>
      keystoreCertificate.PUT(
        request("PUT", "/x", a, { certificate: await signedFor(t) }),
        ctx({ org: o(), name: t.aw.name }),
      ),
  },
  {
    name: "GET keystore chain.pem",
    allowed: whoMay("viewKeystores"),
    call: (a, t) => keystoreChain.GET(request("GET", "/x", a), ctx({ org: o(), name: t.ks.name })),
  },
  {
    name: "POST keystore duplicate",
    allowed: whoMay("duplicateKeystore"),
    call: (a, t) => keystoreDuplicate.POST(request("POST", "/x", a), ctx({ org: o(), name: t.ks.name })),
  },
  {
    name: "POST truststore duplicate",
    allowed: whoMay("duplicateTruststore"),
    call: (a, t) => truststoreDuplicate.POST(request("POST", "/x", a), ctx({ org: o(), name: t.ts.name })),
  },
  {
    name: "GET truststores",
    allowed: whoMay("viewTruststores"),
    call: (a) => truststores.GET(request("GET", "/x", a), ctx({ org: o() })),
  },
  {
    name: "POST truststore",
    allowed: whoMay("createTruststore"),
    call: (a) =>
      truststores.POST(
        request("POST", "/x", a, { title: `T ${++seq}`, truststore: testCa.certPem }),
        ctx({ org: o() }),
      ),
  },
  {
    name: "GET truststore",
    allowed: whoMay("viewTruststores"),
    call: (a, t) => truststore.GET(request("GET", "/x", a), ctx({ org: o(), name: t.ts.name })),
  },
  {
    name: "PATCH truststore",
    allowed: whoMay("updateTruststore"),
    call: (a, t) => truststore.PATCH(request("PATCH", "/x", a, { title: "t" }), ctx({ org: o(), name: t.ts.name })),
  },
  {
    name: "DELETE truststore",
    allowed: whoMay("deleteTruststores"),
    call: (a, t) => truststore.DELETE(request("DELETE", "/x", a), ctx({ org: o(), name: t.ts.name })),
  },
  {
    name: "POST truststore certificates",
    allowed: whoMay("addTruststoreCertificates"),
    call: (a, t) =>
      truststoreCerts.POST(
        request("POST", "/x", a, { truststore: issue(new Date(), { commonName: "New CA", usage: "ca" }).certPem }),
        ctx({ org: o(), name: t.ts.name }),
      ),
  },
  {
    name: "DELETE truststore certificate",
    allowed: whoMay("removeTruststoreCertificate"),
    call: (a, t) =>
      truststoreCert.DELETE(
        request("DELETE", "/x", a),
        ctx({ org: o(), name: t.ts.name, fingerprint: t.spare.replace(/:/g, "") }),
      ),
  },
  {
    name: "GET truststore.pem",
    allowed: whoMay("viewTruststores"),
    call: (a, t) => truststorePem.GET(request("GET", "/x", a), ctx({ org: o(), name: t.ts.name })),
  },
  {
    name: "GET server profiles",
    allowed: whoMay("viewServerProfiles"),
    call: (a) => serverProfiles.GET(request("GET", "/x", a), ctx({ org: o() })),
  },
  {
    name: "POST server profile",
    allowed: whoMay("createServerProfile"),
    call: (a, t) =>
      serverProfiles.POST(
        request("POST", "/x", a, {
          title: `S ${++seq}`,
          version: "1.0.0",
          protocols: ["tls_v1.3"],
          ciphers: ["TLS_AES_256_GCM_SHA384"],
          keystore_url: t.ks.url,
        }),
        ctx({ org: o() }),
      ),
  },
  {
    name: "GET server versions",
    allowed: whoMay("viewServerProfiles"),
    call: (a, t) => serverByName.GET(request("GET", "/x", a), ctx({ org: o(), name: t.sp.name })),
  },
  {
    name: "GET server profile",
    allowed: whoMay("viewServerProfiles"),
    call: (a, t) => serverByVersion.GET(request("GET", "/x", a), ctx({ org: o(), name: t.sp.name, version: "1.0.0" })),
  },
  {
    name: "PATCH server profile",
    allowed: whoMay("updateServerProfile"),
    call: (a, t) =>
      serverByVersion.PATCH(
        request("PATCH", "/x", a, { limit_renegotiation: false }),
        ctx({ org: o(), name: t.sp.name, version: "1.0.0" }),
      ),
  },
  {
    name: "DELETE server profile",
    allowed: whoMay("deleteServerProfiles"),
    call: (a, t) =>
      serverByVersion.DELETE(request("DELETE", "/x", a), ctx({ org: o(), name: t.sp.name, version: "1.0.0" })),
  },
  {
    name: "GET expiry",
    allowed: whoMay("viewExpiry"),
    call: (a) => expiry.GET(request("GET", "/x?within_days=90", a), ctx({ org: o() })),
  },
  {
    // Every organization: only owners and administrators of the admin organization, and none is in this world
    // (expiry-data.test.ts lets them through).
    name: "GET expiry scope=all",
    allowed: [],
    call: (a) => expiry.GET(request("GET", "/x?scope=all", a), ctx({ org: o() })),
  },
];

describe.each(REST)("REST $name", ({ allowed, call }) => {
  it.each(EVERYONE)("%s", async (who) => {
    const t = await target();
    const before = await state();
    const res = await call(restAuth(who), t);
    if (allowed.includes(who)) {
      expect(res.status, await res.clone().text()).toBeLessThan(300);
      return;
    }
    expect(res.status).toBe(UNAUTHENTICATED.includes(who) ? 401 : 403);
    expect(await state()).toEqual(before);
  });
});

function form(fields: Record<string, string>, files: { name: string; text: string }[]): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  for (const file of files) f.append("files", new File([file.text], file.name));
  return f;
}
const keystoreForm = () => form({ title: `Form ${++seq}` }, [{ name: "bundle.pem", text: pemOf(leaf()) }]);
const caForm = () =>
  form({ title: `Form ${++seq}` }, [
    { name: "ca.pem", text: issue(new Date(), { commonName: `CA ${seq}`, usage: "ca" }).certPem },
  ]);

type ActionCase = { name: string; allowed: Who[]; call: (t: Target) => Promise<{ ok: boolean; code?: string }> };
const rv = (t: { name: string; row_version: number }) => ({ name: t.name, rowVersion: t.row_version });
const ACTIONS: ActionCase[] = [
  {
    name: "previewKeystore",
    allowed: whoMay("previewKeystore"),
    call: () => previewKeystoreAction(o(), keystoreForm()),
  },
  { name: "createKeystore", allowed: whoMay("createKeystore"), call: () => createKeystoreAction(o(), keystoreForm()) },
  {
    name: "generateKeystore",
    allowed: whoMay("createKeystore"),
    call: () => generateKeystoreAction(o(), { title: `GA ${++seq}`, generate: generation(`ga${seq}.test`) }),
  },
  {
    name: "completeKeystore",
    allowed: whoMay("completeKeystore"),
    call: async (t) => {
      const f = new FormData();
      f.set("certificate", await signedFor(t));
      return completeKeystoreAction(o(), rv(t.aw), f);
    },
  },
  {
    name: "previewReplacement",
    allowed: whoMay("previewKeystore"),
    call: (t) => previewReplacementAction(o(), t.ks.name, keystoreForm()),
  },
  {
    name: "rotateKeystore",
    allowed: whoMay("rotateKeystore"),
    call: (t) => {
      const f = keystoreForm();
      f.append("confirm", "san_removed");
      return rotateKeystoreAction(o(), rv(t.ks), f);
    },
  },
  {
    name: "updateKeystore",
    allowed: whoMay("updateKeystore"),
    call: (t) => updateKeystoreAction(o(), rv(t.ks), { summary: "x" }),
  },
  { name: "deleteKeystores", allowed: whoMay("deleteKeystores"), call: (t) => deleteKeystoresAction(o(), [t.ks.name]) },
  {
    name: "duplicateKeystore",
    allowed: whoMay("duplicateKeystore"),
    call: (t) => duplicateKeystoreAction(o(), t.ks.name),
  },
  {
    name: "previewTruststore",
    allowed: whoMay("previewTruststore"),
    call: () => previewTruststoreAction(o(), caForm()),
  },
  { name: "createTruststore", allowed: whoMay("createTruststore"), call: () => createTruststoreAction(o(), caForm()) },
  {
    name: "addTruststoreCertificates",
    allowed: whoMay("addTruststoreCertificates"),
    call: (t) => addTruststoreCertificatesAction(o(), rv(t.ts), caForm()),
  },
  {
    name: "removeTruststoreCertificate",
    allowed: whoMay("removeTruststoreCertificate"),
    call: (t) => removeTruststoreCertificateAction(o(), rv(t.ts), t.spare),
  },
  {
    name: "updateTruststore",
    allowed: whoMay("updateTruststore"),
    call: (t) => updateTruststoreAction(o(), rv(t.ts), { title: "x" }),
  },
  {
    name: "deleteTruststores",
    allowed: whoMay("deleteTruststores"),
    call: (t) => deleteTruststoresAction(o(), [t.ts.name]),
  },
  {
    name: "duplicateTruststore",
    allowed: whoMay("duplicateTruststore"),
    call: (t) => duplicateTruststoreAction(o(), t.ts.name),
  },
  {
    name: "createServerProfile",
    allowed: whoMay("createServerProfile"),
    call: (t) =>
      createServerProfileAction(o(), {
        title: `S ${++seq}`,
        version: "1.0.0",
        protocols: ["tls_v1.3"],
        ciphers: DEFAULT_CIPHERS,
        keystore_url: t.ks.name,
      }),
  },
  {
    name: "updateServerProfile",
    allowed: whoMay("updateServerProfile"),
    call: (t) =>
      updateServerProfileAction(
        o(),
        { name: t.sp.name, version: "1.0.0", rowVersion: t.sp.row_version },
        { summary: "x" },
      ),
  },
  {
    name: "deleteServerProfiles",
    allowed: whoMay("deleteServerProfiles"),
    call: (t) => deleteServerProfilesAction(o(), [{ name: t.sp.name, version: "1.0.0" }]),
  },
];

describe.each(ACTIONS)("server action $name", ({ allowed, call }) => {
  it.each([...PRINCIPALS, "anonymous"] as Who[])("%s", async (who) => {
    const t = await target();
    actAs(who === "anonymous" ? undefined : world.users[who as Principal].session);
    const before = await state();
    const result = await call(t);
    if (allowed.includes(who)) {
      expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
      return;
    }
    expect(result).toMatchObject({ ok: false, code: who === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN" });
    expect(await state()).toEqual(before);
  });
});
