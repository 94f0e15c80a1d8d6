import { beforeAll, describe, expect, it } from "vitest";
import * as pending from "@/app/api/orgs/[org]/keystores/[name]/pending/route";
import * as pendingCsr from "@/app/api/orgs/[org]/keystores/[name]/pending/csr.pem/route";
import * as pendingCertificate from "@/app/api/orgs/[org]/keystores/[name]/pending/certificate/route";
import * as activate from "@/app/api/orgs/[org]/keystores/[name]/pending/activate/route";
import * as keystore from "@/app/api/orgs/[org]/keystores/[name]/route";
import * as keystoreVersions from "@/app/api/orgs/[org]/keystores/[name]/versions/route";
import * as keystoreRestore from "@/app/api/orgs/[org]/keystores/[name]/versions/[number]/restore/route";
import * as truststoreVersions from "@/app/api/orgs/[org]/truststores/[name]/versions/route";
import * as truststoreRestore from "@/app/api/orgs/[org]/truststores/[name]/versions/[number]/restore/route";
import {
  activateRotationAction,
  cancelActivationAction,
  completeRotationAction,
  discardRotationAction,
  prepareRotationGenerateAction,
  prepareRotationUploadAction,
  restoreKeystoreVersionAction,
  restoreTruststoreVersionAction,
} from "@/app/actions/keystore-rotation";
import { issue } from "@/lib/crypto/pki";
import { db } from "@/lib/server/platform/db";
import { activatePending, pendingCsrPem, preparePending } from "@/lib/server/stores/keystore-pending";
import { createKeystore } from "@/lib/server/stores/keystores";
import { replaceKeystoreMaterial } from "@/lib/server/stores/keystore-replacement";
import { addTruststoreCertificates, createTruststore } from "@/lib/server/stores/truststores";
import { ctx, request, type Auth } from "../helpers/http";
import { opensslCa, signCsr } from "../helpers/openssl";
import { contextFor } from "../helpers/org-context";
import { keystoreUpload, leaf, pemUpload, testCa } from "../helpers/pki";
import { actAs } from "../helpers/request-state";
import { buildWorld, PRINCIPALS, type Principal } from "../helpers/world";
import { whoMay } from "../helpers/who-may";

/** Every staged-rotation and version route and action (ADR 026), for every principal (see authorization-matrix). */
type Who = Principal | "anonymous" | "revokedKey" | "expiredKey" | "elsewhereKey";
const EVERYONE: Who[] = [...PRINCIPALS, "anonymous", "revokedKey", "expiredKey", "elsewhereKey"];
const UNAUTHENTICATED: Who[] = ["anonymous", "revokedKey", "expiredKey"];

let world: Awaited<ReturnType<typeof buildWorld>>;
let seq = 0;
beforeAll(async () => {
  world = await buildWorld();
});

const state = async () => ({
  keystores: await db().keystore.findMany({ orderBy: { id: "asc" } }),
  pending: await db().keystorePending.findMany({ orderBy: { id: "asc" } }),
  versions: await db().keystoreVersion.count(),
  truststoreVersions: await db().truststoreVersion.count(),
  certificates: await db().certificate.count(),
  audit: await db().auditEvent.count(),
});

const generation = (commonName: string) => ({
  key_type: "ec-p256",
  subject: { common_name: commonName },
  usage: "server",
});
/** All codes a like-for-like renewal could raise: confirming a code that is not raised is harmless. */
const CONFIRM = ["expires_sooner", "san_removed", "new_root", "certificates_removed"];

/**
 * Fresh targets per case: `kept` has a version and a scheduled pending material, `awaiting` a generated pending key
 * waiting for its certificate, `plain` nothing pending; the truststore has a version.
 */
async function target() {
  const owner = await contextFor(world, "owner");
  const n = ++seq;
  const kept = await createKeystore(owner, { title: `Kept ${n}` }, keystoreUpload(leaf(`kept${n}.test`)));
  await replaceKeystoreMaterial(owner, kept.name, keystoreUpload(leaf(`kept${n}.test`)));
  await preparePending(owner, kept.name, { upload: keystoreUpload(leaf(`kept${n}.test`)) });
  await activatePending(owner, kept.name, { at: new Date(Date.now() + 3_600_000).toISOString() });
  const awaiting = await createKeystore(owner, { title: `Awaiting ${n}` }, keystoreUpload(leaf(`aw${n}.test`)));
  await preparePending(owner, awaiting.name, { generate: generation(`aw${n}.test`) });
  const plain = await createKeystore(owner, { title: `Plain ${n}` }, keystoreUpload(leaf(`plain${n}.test`)));
  const ts = await createTruststore(owner, { title: `History ${n}` }, pemUpload(testCa.certPem));
  await addTruststoreCertificates(
    owner,
    ts.name,
    pemUpload(issue(new Date(), { commonName: `CA ${n}`, usage: "ca" }).certPem),
  );
  return { kept, awaiting, plain, ts };
}
type Target = Awaited<ReturnType<typeof target>>;
const signingCa = opensslCa("Rotation Matrix CA");
async function signedFor(t: Target): Promise<string> {
  const csr = await pendingCsrPem(await contextFor(world, "owner"), t.awaiting.name);
  return signCsr(csr, signingCa).toString("utf8") + signingCa.certPem;
}

function restAuth(who: Who): Auth {
  if (who === "anonymous") return null;
  if (who === "revokedKey") return { bearer: world.revokedKey };
  if (who === "expiredKey") return { bearer: world.expiredKey };
  if (who === "elsewhereKey") return { bearer: world.elsewhereKey };
  return seq % 2 === 0 ? { bearer: world.users[who].apiKey } : { session: world.users[who].session };
}
const o = () => world.org;
const pemOf = (p: ReturnType<typeof leaf>) => p.keyPem + p.certPem + testCa.certPem;

type RestCase = { name: string; allowed: Who[]; call: (a: Auth, t: Target) => Promise<Response> };
const REST: RestCase[] = [
  {
    name: "GET pending",
    allowed: whoMay("viewKeystores"),
    call: (a, t) => pending.GET(request("GET", "/x", a), ctx({ org: o(), name: t.kept.name })),
  },
  {
    name: "POST pending (upload)",
    allowed: whoMay("prepareKeystoreRotation"),
    call: (a, t) =>
      pending.POST(request("POST", "/x", a, { keystore: pemOf(leaf()) }), ctx({ org: o(), name: t.plain.name })),
  },
  {
    name: "POST pending (generate)",
    allowed: whoMay("prepareKeystoreRotation"),
    call: (a, t) =>
      pending.POST(request("POST", "/x", a, { generate: generation("g.test") }), ctx({ org: o(), name: t.plain.name })),
  },
  {
    name: "DELETE pending",
    allowed: whoMay("discardKeystoreRotation"),
    call: (a, t) => pending.DELETE(request("DELETE", "/x", a), ctx({ org: o(), name: t.kept.name })),
  },
  {
    name: "GET pending csr.pem",
    allowed: whoMay("viewKeystores"),
    call: (a, t) => pendingCsr.GET(request("GET", "/x", a), ctx({ org: o(), name: t.awaiting.name })),
  },
  {
    name: "PUT pending certificate",
    allowed: whoMay("completeKeystoreRotation"),
    call: async (a, t) =>
      pendingCertificate.PUT(
        request("PUT", "/x", a, { certificate: await signedFor(t) }),
        ctx({ org: o(), name: t.awaiting.name }),
      ),
  },
  {
    name: "POST pending activate",
    allowed: whoMay("activateKeystoreRotation"),
    call: (a, t) => activate.POST(request("POST", "/x", a, { confirm: CONFIRM }), ctx({ org: o(), name: t.kept.name })),
  },
  {
    name: "DELETE pending activate",
    allowed: whoMay("cancelKeystoreActivation"),
    call: (a, t) => activate.DELETE(request("DELETE", "/x", a), ctx({ org: o(), name: t.kept.name })),
  },
  {
    name: "PATCH keystore with API Connect's entries",
    allowed: whoMay("updateKeystore"),
    call: (a, t) => {
      const next = leaf(`plain${seq}.test`);
      return keystore.PATCH(
        request("PATCH", "/x", a, {
          private_key_entry: next.keyPem,
          public_certificate_entry: { pem: next.certPem + testCa.certPem },
          confirm: CONFIRM,
        }),
        ctx({ org: o(), name: t.plain.name }),
      );
    },
  },
  {
    name: "GET keystore versions",
    allowed: whoMay("viewKeystores"),
    call: (a, t) => keystoreVersions.GET(request("GET", "/x", a), ctx({ org: o(), name: t.kept.name })),
  },
  {
    name: "POST keystore version restore",
    allowed: whoMay("restoreKeystoreVersion"),
    call: (a, t) =>
      keystoreRestore.POST(
        request("POST", "/x", a, { confirm: CONFIRM }),
        ctx({ org: o(), name: t.kept.name, number: "1" }),
      ),
  },
  {
    name: "GET truststore versions",
    allowed: whoMay("viewTruststores"),
    call: (a, t) => truststoreVersions.GET(request("GET", "/x", a), ctx({ org: o(), name: t.ts.name })),
  },
  {
    name: "POST truststore version restore",
    allowed: whoMay("restoreTruststoreVersion"),
    call: (a, t) =>
      truststoreRestore.POST(
        request("POST", "/x", a, { confirm: CONFIRM }),
        ctx({ org: o(), name: t.ts.name, number: "1" }),
      ),
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

const uploadForm = () => {
  const f = new FormData();
  f.append("files", new File([pemOf(leaf(`form${++seq}.test`))], "bundle.pem"));
  return f;
};

type ActionCase = { name: string; allowed: Who[]; call: (t: Target) => Promise<{ ok: boolean; code?: string }> };
const ACTIONS: ActionCase[] = [
  {
    name: "prepareRotationUpload",
    allowed: whoMay("prepareKeystoreRotation"),
    call: (t) => prepareRotationUploadAction(o(), t.plain.name, uploadForm()),
  },
  {
    name: "prepareRotationGenerate",
    allowed: whoMay("prepareKeystoreRotation"),
    call: (t) => prepareRotationGenerateAction(o(), t.plain.name, generation("ga.test")),
  },
  {
    name: "completeRotation",
    allowed: whoMay("completeKeystoreRotation"),
    call: async (t) => {
      const f = new FormData();
      f.set("certificate", await signedFor(t));
      return completeRotationAction(o(), t.awaiting.name, f);
    },
  },
  {
    name: "activateRotation",
    allowed: whoMay("activateKeystoreRotation"),
    call: (t) => activateRotationAction(o(), t.kept.name, { confirm: CONFIRM }),
  },
  {
    name: "cancelActivation",
    allowed: whoMay("cancelKeystoreActivation"),
    call: (t) => cancelActivationAction(o(), t.kept.name),
  },
  {
    name: "discardRotation",
    allowed: whoMay("discardKeystoreRotation"),
    call: (t) => discardRotationAction(o(), t.kept.name),
  },
  {
    name: "restoreKeystoreVersion",
    allowed: whoMay("restoreKeystoreVersion"),
    call: (t) => restoreKeystoreVersionAction(o(), t.kept.name, 1, CONFIRM),
  },
  {
    name: "restoreTruststoreVersion",
    allowed: whoMay("restoreTruststoreVersion"),
    call: (t) => restoreTruststoreVersionAction(o(), t.ts.name, 1, CONFIRM),
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
