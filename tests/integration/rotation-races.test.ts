import { beforeAll, expect, it } from "vitest";
import { issue, type IssuedPair } from "@/lib/crypto/pki";
import { db } from "@/lib/server/platform/db";
import { toAppError } from "@/lib/server/platform/to-app-error";
import { activatePending, preparePending } from "@/lib/server/stores/keystore-pending";
import { replaceKeystoreMaterial } from "@/lib/server/stores/keystore-replacement";
import { listKeystoreVersions, restoreKeystoreVersion } from "@/lib/server/stores/keystore-versions";
import { createKeystore, getKeystore } from "@/lib/server/stores/keystores";
import { addTruststoreCertificates, createTruststore } from "@/lib/server/stores/truststores";
import { contextFor } from "../helpers/org-context";
import { pemUpload } from "../helpers/pki";
import { buildWorld } from "../helpers/world";

/**
 * Swaps racing on one keystore or truststore (ADR 026): on Postgres two transactions run side by side, so both may
 * read the same last version number. Exactly one wins; the other is refused as a typed error (never an unexpected
 * one, which the REST layer answers with 500), and the history stays consistent.
 */
let ctx: Awaited<ReturnType<typeof contextFor>>;
beforeAll(async () => {
  ctx = await contextFor(await buildWorld());
});

const T = new Date();
const leaf = (days: number) =>
  issue(T, { commonName: "localhost", usage: "server", dnsNames: ["localhost"], toDays: days });
const upload = (pair: IssuedPair) => ({
  files: [{ name: "bundle.pem", bytes: Buffer.from(pair.keyPem + pair.certPem) }],
  password: "",
  allowExpired: false,
  fileField: () => "file",
});
const CONFIRM = ["expires_sooner", "san_removed", "new_root"];

/** Every outcome: "ok", or the typed error's code; an unexpected error (a 500) fails the test. */
async function outcomes(runs: Promise<unknown>[]): Promise<string[]> {
  const settled = await Promise.allSettled(runs);
  return settled.map((s) => {
    if (s.status === "fulfilled") return "ok";
    const e = toAppError(s.reason);
    if (!e) throw s.reason;
    return e.code;
  });
}

it("of two roll backs racing on one keystore, one swaps and the other is refused as stale", async () => {
  const ks = await createKeystore(ctx, { title: "Race restore" }, upload(leaf(300)));
  await replaceKeystoreMaterial(ctx, ks.name, upload(leaf(400)), undefined, CONFIRM);
  await replaceKeystoreMaterial(ctx, ks.name, upload(leaf(500)), undefined, CONFIRM);
  const results = await outcomes([
    restoreKeystoreVersion(ctx, ks.name, 1, { confirm: CONFIRM }),
    restoreKeystoreVersion(ctx, ks.name, 2, { confirm: CONFIRM }),
  ]);
  expect(results.filter((r) => r === "ok")).toHaveLength(1);
  expect(results.filter((r) => r !== "ok")).toEqual(["STALE"]);
  const versions = await listKeystoreVersions(ctx, ks.name);
  expect(versions.results.map((v) => v.number)).toEqual([3, 2, 1]);
  expect(versions.results.filter((v) => v.current)).toHaveLength(1);
});

it("an activation racing a roll back: one swaps, the other is refused, no version is lost", async () => {
  const ks = await createKeystore(ctx, { title: "Race activate" }, upload(leaf(300)));
  await replaceKeystoreMaterial(ctx, ks.name, upload(leaf(400)), undefined, CONFIRM);
  await preparePending(ctx, ks.name, { upload: upload(leaf(600)) });
  const results = await outcomes([
    activatePending(ctx, ks.name, { confirm: CONFIRM }),
    restoreKeystoreVersion(ctx, ks.name, 1, { confirm: CONFIRM }),
  ]);
  expect(results).toContain("ok");
  expect(results.filter((r) => r !== "ok").every((r) => r === "STALE")).toBe(true);
  const versions = await db().keystoreVersion.findMany({ where: { keystoreId: ks.id }, orderBy: { number: "asc" } });
  expect(versions.map((v) => v.number)).toEqual(results.every((r) => r === "ok") ? [1, 2, 3] : [1, 2]);
  expect((await getKeystore(ctx, ks.name)).sha256_fingerprint).toBeTruthy();
});

it("two additions racing on one truststore: both are typed outcomes, and each version number is used once", async () => {
  const [a, b, c] = [0, 1, 2].map((i) => issue(T, { commonName: `Race CA ${i}`, usage: "ca" }));
  const ts = await createTruststore(ctx, { title: "Race trust" }, pemUpload(a.certPem));
  const results = await outcomes([
    addTruststoreCertificates(ctx, ts.name, pemUpload(b.certPem)),
    addTruststoreCertificates(ctx, ts.name, pemUpload(c.certPem)),
  ]);
  expect(results).toContain("ok");
  expect(results.filter((r) => r !== "ok").every((r) => r === "STALE")).toBe(true);
});
