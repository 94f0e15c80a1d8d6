import { beforeAll, expect, it } from "vitest";
import * as restoreRoute from "@/app/api/orgs/[org]/truststores/[name]/versions/[number]/restore/route";
import * as versionsRoute from "@/app/api/orgs/[org]/truststores/[name]/versions/route";
import { issue } from "@/lib/crypto/pki";
import { createClientProfile } from "@/lib/server/profiles/client-profiles";
import { listTruststoreVersions, restoreTruststoreVersion } from "@/lib/server/stores/truststore-versions";
import {
  addTruststoreCertificates,
  createTruststore,
  getTruststore,
  removeTruststoreCertificate,
  truststoreCertificates,
} from "@/lib/server/stores/truststores";
import { DEFAULT_CIPHERS } from "@/lib/tls/ciphers";
import { DEFAULT_PROTOCOLS } from "@/lib/tls/protocols";
import { ctx as routeCtx, request } from "../helpers/http";
import { contextFor } from "../helpers/org-context";
import { pemUpload } from "../helpers/pki";
import { buildWorld } from "../helpers/world";

/** Truststore history (ADR 026): each add and remove keeps the set it changed; roll back restores a set. */
let world: Awaited<ReturnType<typeof buildWorld>>;
let ctx: Awaited<ReturnType<typeof contextFor>>;
beforeAll(async () => {
  world = await buildWorld();
  ctx = await contextFor(world);
});
const ca = (cn: string) => issue(new Date(), { commonName: cn, usage: "ca" });
const subjects = async (name: string) => (await getTruststore(ctx, name)).certificates!.map((c) => c.subject).sort();

it("keeps a version per add and remove, restores a set after confirming what a profile loses, and keeps the replaced set", async () => {
  const [a, b, c] = [ca("History CA A"), ca("History CA B"), ca("History CA C")];
  const ts = await createTruststore(ctx, { title: "History" }, pemUpload(a.certPem + b.certPem));
  await createClientProfile(ctx, {
    title: "Uses history",
    version: "1.0.0",
    protocols: DEFAULT_PROTOCOLS,
    ciphers: DEFAULT_CIPHERS,
    truststore_url: ts.name,
  });
  await addTruststoreCertificates(ctx, ts.name, pemUpload(c.certPem));
  // A certificate already held changes nothing: no version.
  await addTruststoreCertificates(ctx, ts.name, pemUpload(c.certPem));
  const withC = await getTruststore(ctx, ts.name);
  const fpA = withC.certificates!.find((x) => x.subject === "CN=History CA A")!.sha256_fingerprint;
  await removeTruststoreCertificate(ctx, ts.name, fpA);
  expect(await subjects(ts.name)).toEqual(["CN=History CA B", "CN=History CA C"]);

  const versions = await listTruststoreVersions(ctx, ts.name);
  expect(versions.results.map((v) => [v.number, v.retired_how, v.certificate_count])).toEqual([
    [2, "remove-certificate", 3],
    [1, "add-certificates", 2],
  ]);
  // Back to {A, B}: A comes back, C goes — and the profile using the truststore would stop trusting C.
  const v1 = versions.results[1];
  expect(v1.diff.added.map((x) => x.subject)).toEqual(["CN=History CA A"]);
  expect(v1.diff.removed.map((x) => x.subject)).toEqual(["CN=History CA C"]);
  expect(v1.diff.warnings.map((w) => w.code)).toEqual(["certificates_removed"]);
  expect(v1.diff.warnings[0].message).toContain("uses-history");

  const p = routeCtx({ org: world.org, name: ts.name, number: "1" });
  const auth = { bearer: world.users.owner.apiKey };
  const refused = await restoreRoute.POST(request("POST", "/x", auth), p);
  expect(refused.status).toBe(422);
  expect(await subjects(ts.name)).toEqual(["CN=History CA B", "CN=History CA C"]);
  const restored = await restoreRoute.POST(request("POST", "/x", auth, { confirm: ["certificates_removed"] }), p);
  expect(restored.status, await restored.clone().text()).toBe(200);
  expect(await subjects(ts.name)).toEqual(["CN=History CA A", "CN=History CA B"]);
  // What TLS options are built from follows at once.
  expect((await truststoreCertificates(ctx.org.id, ts.id)).join("")).toContain(a.certPem.split("\n")[1]);

  const listed = (await (await versionsRoute.GET(request("GET", "/x", auth), p)).json()) as {
    results: { number: number; retired_how: string; current: boolean }[];
  };
  expect(listed.results.map((v) => [v.number, v.retired_how, v.current])).toEqual([
    [3, "restore", false],
    [2, "remove-certificate", false],
    [1, "add-certificates", true],
  ]);
  await expect(restoreTruststoreVersion(ctx, ts.name, 1, {})).rejects.toMatchObject({ code: "CONFLICT" });
  const odd = await restoreRoute.POST(
    request("POST", "/x", auth),
    routeCtx({ org: world.org, name: ts.name, number: "1e3" }),
  );
  expect(odd.status).toBe(404);
  expect((await odd.json()).message).toBe(
    `A version is a whole number; truststore ${ts.name} lists the ones it keeps.`,
  );
});
