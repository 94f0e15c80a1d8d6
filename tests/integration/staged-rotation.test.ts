import type { AddressInfo } from "node:net";
import { connect, createServer, type TLSSocket } from "node:tls";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as keystoreRoute from "@/app/api/orgs/[org]/keystores/[name]/route";
import * as materialRoute from "@/app/api/orgs/[org]/keystores/[name]/material/route";
import * as activateRoute from "@/app/api/orgs/[org]/keystores/[name]/pending/activate/route";
import * as pendingRoute from "@/app/api/orgs/[org]/keystores/[name]/pending/route";
import * as versionsRoute from "@/app/api/orgs/[org]/keystores/[name]/versions/route";
import { issue, type IssuedPair } from "@/lib/crypto/pki";
import { AppError } from "@/lib/errors";
import { expiryOverview } from "@/lib/server/lifecycle/expiry";
import { db } from "@/lib/server/platform/db";
import { logger } from "@/lib/server/platform/logger";
import { toAppError } from "@/lib/server/platform/to-app-error";
import { createClientProfile } from "@/lib/server/profiles/client-profiles";
import { clientTlsOptions, serverTlsOptions } from "@/lib/server/profiles/node-tls-options";
import { createServerProfile } from "@/lib/server/profiles/server-profiles";
import { profileMaterial } from "@/lib/server/profiles/tls-material";
import { activateDueRotations } from "@/lib/server/stores/keystore-activation";
import {
  activatePending,
  cancelScheduledActivation,
  completePending,
  discardPending,
  findPending,
  getPending,
  pendingCsrPem,
  preparePending,
} from "@/lib/server/stores/keystore-pending";
import { listKeystoreVersions, restoreKeystoreVersion } from "@/lib/server/stores/keystore-versions";
import { createKeystore, getKeystore, keystoreSecret } from "@/lib/server/stores/keystores";
import { replaceKeystoreMaterial } from "@/lib/server/stores/keystore-replacement";
import { createTruststore } from "@/lib/server/stores/truststores";
import { DEFAULT_CIPHERS } from "@/lib/tls/ciphers";
import { DEFAULT_PROTOCOLS } from "@/lib/tls/protocols";
import { ctx as routeCtx, request } from "../helpers/http";
import { opensslCa, signCsr } from "../helpers/openssl";
import { contextFor } from "../helpers/org-context";
import { buildWorld } from "../helpers/world";

/** Issue 10, second half (ADR 026): pending material, the diff that warns, activation now or scheduled, roll back. */
let world: Awaited<ReturnType<typeof buildWorld>>;
let ctx: Awaited<ReturnType<typeof contextFor>>;
const logged: unknown[] = [];
beforeAll(async () => {
  world = await buildWorld();
  ctx = await contextFor(world);
  for (const level of ["info", "warn", "error", "debug"] as const)
    vi.spyOn(logger, level).mockImplementation(((...args: unknown[]) => void logged.push(args)) as never);
});
afterAll(() => vi.restoreAllMocks());

const T = new Date();
const oldRoot = issue(T, { commonName: "Rotation Old Root", usage: "ca" });
const newRoot = issue(T, { commonName: "Rotation New Root", usage: "ca" });
let seq = 0;
const leafOf = (
  root: IssuedPair,
  usage: "server" | "client" | "server+client",
  dnsNames = ["localhost"],
  toDays = 365,
) => issue(T, { commonName: dnsNames[0], usage, dnsNames, toDays }, root);
const upload = (pair: IssuedPair, root: IssuedPair) => ({
  files: [{ name: "bundle.pem", bytes: Buffer.from(pair.keyPem + pair.certPem + root.certPem) }],
  password: "",
  allowExpired: false,
  fileField: () => "file",
});
const fingerprintOf = async (name: string) => (await getKeystore(ctx, name)).sha256_fingerprint;

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = toAppError(
    await p.then(
      () => null,
      (x: unknown) => x,
    ),
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

/** A keystore in use: a client profile (mutual TLS) and a server profile refer to it. */
async function keystoreInUse(first: IssuedPair, root = oldRoot) {
  const n = ++seq;
  const ks = await createKeystore(ctx, { title: `Rotating ${n}` }, upload(first, root));
  const common = { version: "1.0.0", protocols: DEFAULT_PROTOCOLS, ciphers: DEFAULT_CIPHERS, keystore_url: ks.name };
  await createClientProfile(ctx, { title: `Partner mtls ${n}`, ...common });
  const server = await createServerProfile(ctx, { title: `Gateway ${n}`, ...common });
  return { ks, server };
}

/** What a client sees of the server profile's certificate, through the profile → Node TLS options function. */
type ServerProfile = Awaited<ReturnType<typeof createServerProfile>>;
async function presented(profile: ServerProfile, trusted: string[]): Promise<string> {
  const material = await profileMaterial(ctx, "server", profile.name, "1.0.0");
  const srv = createServer(serverTlsOptions(profile, material), (s: TLSSocket) => s.end());
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const client = {
    protocols: DEFAULT_PROTOCOLS,
    ciphers: DEFAULT_CIPHERS,
    insecure_server_connections: false,
    server_name_indication: true,
  };
  return new Promise<string>((resolve, reject) => {
    const s = connect({
      ...clientTlsOptions(client, { keystore: null, truststore: { caPems: trusted } }, "localhost"),
      host: "127.0.0.1",
      port: (srv.address() as AddressInfo).port,
    });
    s.on("secureConnect", () => {
      resolve(s.getPeerCertificate().fingerprint256);
      s.end();
    });
    s.on("error", reject);
  }).finally(() => srv.close());
}

describe("pending material and its diff", () => {
  it("prepares beside the current material, warns (clientAuth gone with the client profile named, a SAN removed), refuses activation until every code is confirmed, then swaps and keeps the old as a version", async () => {
    const first = leafOf(oldRoot, "server+client", ["localhost", "old.rotation.test"]);
    const { ks, server } = await keystoreInUse(first);
    const before = await fingerprintOf(ks.name);
    const secretBefore = (await keystoreSecret(ctx.org.id, ks.id)).keyPem;

    const next = leafOf(oldRoot, "server", ["localhost", "new.rotation.test"], 400);
    const pending = await preparePending(ctx, ks.name, { upload: upload(next, oldRoot) });
    expect(pending.state).toBe("ready");
    expect(pending.source).toBe("upload");
    // Nothing in use moved: same fingerprint, same key, same handshake.
    expect(await fingerprintOf(ks.name)).toBe(before);
    expect((await keystoreSecret(ctx.org.id, ks.id)).keyPem).toBe(secretBefore);
    expect(await presented(server, [oldRoot.certPem])).toBe(before);

    const diff = (await getPending(ctx, ks.name)).diff!;
    expect(diff.warnings.map((w) => w.code)).toEqual(["client_auth_removed", "san_removed"]);
    expect(diff.warnings[0].message).toMatch(
      new RegExp(`^clientAuth is gone; client profile partner-mtls-${seq} uses this keystore for mutual TLS`),
    );
    expect(diff.subject_alt_names).toMatchObject({
      added: ["DNS:new.rotation.test"],
      removed: ["DNS:old.rotation.test"],
    });

    const missing = await refusal(activatePending(ctx, ks.name, { confirm: ["san_removed"] }));
    expect(missing).toMatchObject({
      code: "VALIDATION",
      fieldErrors: [{ field: "confirm", message: "Confirm these warnings first: client_auth_removed." }],
    });
    expect(await fingerprintOf(ks.name)).toBe(before);

    const done = await activatePending(ctx, ks.name, { confirm: ["client_auth_removed", "san_removed"] });
    expect("activated" in done && done.activated.sha256_fingerprint).toBe(pending.certificates[0].sha256_fingerprint);
    expect(await db().keystorePending.count({ where: { keystoreId: ks.id } })).toBe(0);
    expect(await presented(server, [oldRoot.certPem])).toBe(pending.certificates[0].sha256_fingerprint);

    const versions = await listKeystoreVersions(ctx, ks.name);
    expect(versions.results.map((v) => [v.number, v.sha256_fingerprint, v.retired_how])).toEqual([
      [1, before, "activate"],
    ]);
    const record = await db().auditEvent.findFirstOrThrow({
      where: { orgId: ctx.org.id, targetName: ks.name, action: "activate" },
    });
    expect(JSON.parse(record.changes)).toMatchObject({
      prepared_by: { to: ctx.actor.email },
      confirmed_warnings: { to: ["client_auth_removed", "san_removed"] },
      kept_as_version: { to: 1 },
      sha256_fingerprint: { from: before, to: pending.certificates[0].sha256_fingerprint },
    });
  });

  it("warns about a new root, naming the organization's truststores that hold the old root and lack the new", async () => {
    const { ks } = await keystoreInUse(leafOf(oldRoot, "server"));
    const ts = await createTruststore(
      ctx,
      { title: `Partners ${seq}` },
      { files: [{ name: "ca.pem", bytes: Buffer.from(oldRoot.certPem) }], password: "", fileField: () => "file" },
    );
    await preparePending(ctx, ks.name, { upload: upload(leafOf(newRoot, "server"), newRoot) });
    const { warnings } = (await getPending(ctx, ks.name)).diff!;
    expect(warnings.map((w) => w.code)).toEqual(["new_root"]);
    expect(warnings[0].message).toContain("truststores that trust the old root do not trust the new one");
    expect(warnings[0].message).toContain(`${ts.name} holds the old root and not the new`);
    await discardPending(ctx, ks.name);
    expect(await findPending(ctx, ks.name)).toBeNull();
    expect(await db().keystorePending.count({ where: { keystoreId: ks.id } })).toBe(0);
  });

  it("generates a pending key and CSR, completes it with the CA-signed certificate, and activates it", async () => {
    const ca = opensslCa("Rotation Issuing CA");
    const { ks, server } = await keystoreInUse(leafOf(oldRoot, "server"));
    const pending = await preparePending(ctx, ks.name, {
      generate: {
        key_type: "ec-p384",
        subject: { common_name: "localhost" },
        subject_alt_names: ["DNS:localhost"],
        usage: "server",
      },
    });
    expect(pending).toMatchObject({
      state: "awaiting_certificate",
      source: "generate",
      diff: null,
      key_type: "EC P-384",
    });
    expect(await refusal(activatePending(ctx, ks.name, {}))).toMatchObject({ code: "CONFLICT" });
    const signed = signCsr(await pendingCsrPem(ctx, ks.name), ca).toString("utf8") + ca.certPem;
    const other = leafOf(oldRoot, "server").certPem;
    const wrong = await refusal(
      completePending(ctx, ks.name, { files: [{ name: "c.pem", bytes: Buffer.from(other) }], allowExpired: false }),
    );
    expect(wrong.fieldErrors[0].field).toBe("certificate");
    const ready = await completePending(ctx, ks.name, {
      files: [{ name: "c.pem", bytes: Buffer.from(signed) }],
      allowExpired: false,
    });
    expect(ready.state).toBe("ready");
    // EC P-256 to P-384 is no warning (same family, larger); a CA the organization does not know, and 90 days, are.
    expect(ready.diff!.warnings.map((w) => w.code)).toEqual(["new_root", "expires_sooner"]);
    const done = await activatePending(ctx, ks.name, { confirm: ["new_root", "expires_sooner"] });
    expect("activated" in done && done.activated.key_type).toBe("EC P-384");
    expect(await presented(server, [ca.certPem])).toBe(ready.certificates[0].sha256_fingerprint);
  });

  it("refuses a second preparation, a keystore awaiting its certificate, and other organizations' keystores", async () => {
    const { ks } = await keystoreInUse(leafOf(oldRoot, "server"));
    await preparePending(ctx, ks.name, { upload: upload(leafOf(oldRoot, "server"), oldRoot) });
    expect(
      await refusal(preparePending(ctx, ks.name, { upload: upload(leafOf(oldRoot, "server"), oldRoot) })),
    ).toMatchObject({ code: "CONFLICT" });
    const elsewhere = await contextFor(world, "otherOrgAdmin", world.otherOrg);
    expect(await refusal(getPending(elsewhere, ks.name))).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("roll back", () => {
  it("restores an earlier version after the same diff and confirmation: the handshake presents the old certificate again, and the replaced one is kept", async () => {
    const first = leafOf(oldRoot, "server+client", ["localhost", "api.rotation.test"]);
    const { ks, server } = await keystoreInUse(first);
    const original = await fingerprintOf(ks.name);
    // An immediate replacement keeps the replaced material too.
    await replaceKeystoreMaterial(
      ctx,
      ks.name,
      upload(leafOf(oldRoot, "server+client", ["localhost", "api.rotation.test"], 400), oldRoot),
    );
    const replaced = await fingerprintOf(ks.name);
    expect(await presented(server, [oldRoot.certPem])).toBe(replaced);

    const [v1] = (await listKeystoreVersions(ctx, ks.name)).results;
    expect(v1).toMatchObject({ number: 1, sha256_fingerprint: original, retired_how: "rotate", current: false });
    // Rolling back to a certificate that expires sooner is a warning like any other.
    expect(v1.diff.warnings.map((w) => w.code)).toEqual(["expires_sooner"]);
    expect(await refusal(restoreKeystoreVersion(ctx, ks.name, 1, {}))).toMatchObject({
      fieldErrors: [{ field: "confirm" }],
    });
    await restoreKeystoreVersion(ctx, ks.name, 1, { confirm: ["expires_sooner"] });
    expect(await fingerprintOf(ks.name)).toBe(original);
    expect(await presented(server, [oldRoot.certPem])).toBe(original);

    const after = (await listKeystoreVersions(ctx, ks.name)).results;
    expect(after.map((v) => [v.number, v.sha256_fingerprint, v.retired_how, v.current])).toEqual([
      [2, replaced, "restore", false],
      [1, original, "rotate", true],
    ]);
    expect(await refusal(restoreKeystoreVersion(ctx, ks.name, 1, {}))).toMatchObject({ code: "CONFLICT" });
    expect(await refusal(restoreKeystoreVersion(ctx, ks.name, 9, {}))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("keeps the last five versions, each sealed under its own record", async () => {
    const { ks } = await keystoreInUse(leafOf(oldRoot, "server"));
    for (let i = 0; i < 7; i++)
      await replaceKeystoreMaterial(ctx, ks.name, upload(leafOf(oldRoot, "server", ["localhost"], 400 + i), oldRoot));
    const rows = await db().keystoreVersion.findMany({ where: { keystoreId: ks.id }, orderBy: { number: "asc" } });
    expect(rows.map((r) => r.number)).toEqual([3, 4, 5, 6, 7]);
    expect(new Set(rows.map((r) => r.keyCiphertext)).size).toBe(5);
    const current = await db().keystore.findUniqueOrThrow({ where: { id: ks.id } });
    expect(rows.some((r) => r.keyCiphertext === current.keyCiphertext)).toBe(false);
  });
});

describe("scheduled activation", () => {
  it("swaps at its time (injected clock) once, is listed on the overview until then, and can be cancelled", async () => {
    const { ks } = await keystoreInUse(leafOf(oldRoot, "server"));
    const before = await fingerprintOf(ks.name);
    const next = await preparePending(ctx, ks.name, {
      upload: upload(leafOf(oldRoot, "server", ["localhost"], 400), oldRoot),
    });
    const at = new Date(T.getTime() + 3_600_000);
    expect(
      await refusal(activatePending(ctx, ks.name, { at: new Date(T.getTime() - 60_000).toISOString() }, T)),
    ).toMatchObject({
      fieldErrors: [{ field: "at" }],
    });
    const tooFar = new Date(T.getTime() + 400 * 86_400_000).toISOString();
    expect(await refusal(activatePending(ctx, ks.name, { at: tooFar }, T))).toMatchObject({
      fieldErrors: [{ field: "at", message: "Choose a time within a year from now." }],
    });

    const scheduled = await activatePending(ctx, ks.name, { at: at.toISOString() }, T);
    expect("scheduled" in scheduled && scheduled.scheduled).toMatchObject({
      state: "scheduled",
      activate_at: at.toISOString(),
      scheduled_by: ctx.actor.email,
    });
    const overview = await expiryOverview(ctx, {}, T);
    expect(overview.scheduled_rotations).toContainEqual({
      keystore_name: ks.name,
      keystore_title: ks.title,
      activate_at: at.toISOString(),
      scheduled_by: ctx.actor.email,
    });

    await cancelScheduledActivation(ctx, ks.name);
    expect((await activateDueRotations(new Date(at.getTime() + 60_000))).swapped).toBe(0);
    expect(await fingerprintOf(ks.name)).toBe(before);

    await activatePending(ctx, ks.name, { at: at.toISOString() }, T);
    expect((await activateDueRotations(new Date(at.getTime() - 1))).swapped).toBe(0);
    expect(await fingerprintOf(ks.name)).toBe(before);
    const fired = await activateDueRotations(at);
    expect(fired.swapped).toBeGreaterThanOrEqual(1);
    expect(await fingerprintOf(ks.name)).toBe(next.certificates[0].sha256_fingerprint);
    expect(await activateDueRotations(new Date(at.getTime() + 60_000))).toEqual({ swapped: 0, failed: 0, refused: 0 });
    const record = await db().auditEvent.findFirstOrThrow({
      where: { orgId: ctx.org.id, targetName: ks.name, action: "activate" },
    });
    expect(record.actorEmail).toBe("scheduler");
    expect(JSON.parse(record.changes)).toMatchObject({
      scheduled_by: { to: ctx.actor.email },
      activate_at: { to: at.toISOString() },
    });
  });
});

describe("scheduled activation after the material in use changed", () => {
  it("refuses a swap whose diff gained a warning nobody confirmed (the material was replaced meanwhile); the replacement stays", async () => {
    const { ks } = await keystoreInUse(leafOf(oldRoot, "server"));
    await preparePending(ctx, ks.name, { upload: upload(leafOf(oldRoot, "server", ["localhost"], 400), oldRoot) });
    const at = new Date(T.getTime() + 3_600_000);
    await activatePending(ctx, ks.name, { at: at.toISOString() }, T);
    // An emergency replacement with an RSA key: against it, the scheduled EC material now changes the key type.
    const rsa = issue(
      T,
      { commonName: "localhost", usage: "server", dnsNames: ["localhost"], keyKind: "rsa-2048" },
      oldRoot,
    );
    const replaced = await replaceKeystoreMaterial(ctx, ks.name, upload(rsa, oldRoot), undefined, ["key_type_changed"]);

    expect(await activateDueRotations(at)).toMatchObject({ swapped: 0, refused: 1 });
    expect(await fingerprintOf(ks.name)).toBe(replaced.sha256_fingerprint);
    const pending = await getPending(ctx, ks.name);
    expect(pending).toMatchObject({ state: "ready", activate_at: null });
    expect(pending.refused?.reason).toMatch(/now warns of .*key_type_changed.*, which nobody confirmed/);
    const record = await db().auditEvent.findFirstOrThrow({
      where: { orgId: ctx.org.id, targetName: ks.name, action: "refuse-activation" },
    });
    expect(record.actorEmail).toBe("scheduler");
  });
});

describe("REST", () => {
  const auth = () => ({ bearer: world.users.owner.apiKey });
  it("prepares, diffs, refuses with 422 at confirm, activates; API Connect's update fields rotate with confirm; never a key", async () => {
    const { ks } = await keystoreInUse(leafOf(oldRoot, "server+client", ["localhost", "gone.rotation.test"]));
    const next = leafOf(oldRoot, "server", ["localhost"], 400);
    const p = routeCtx({ org: world.org, name: ks.name });
    const prepared = await pendingRoute.POST(
      request("POST", "/x", auth(), { keystore: next.keyPem + next.certPem + oldRoot.certPem }),
      p,
    );
    expect(prepared.status).toBe(201);
    const got = await pendingRoute.GET(request("GET", "/x", auth()), p);
    const body = (await got.json()) as { diff: { warnings: { code: string }[] } };
    expect(body.diff.warnings.map((w) => w.code)).toEqual(["client_auth_removed", "san_removed"]);
    const refused = await activateRoute.POST(request("POST", "/x", auth(), { confirm: [] }), p);
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { errors: { field: string }[] }).errors[0].field).toBe("confirm");
    const activated = await activateRoute.POST(
      request("POST", "/x", auth(), { confirm: ["client_auth_removed", "san_removed"] }),
      p,
    );
    expect(activated.status).toBe(200);

    const third = leafOf(newRoot, "server", ["localhost"], 500);
    const entries = {
      private_key_entry: third.keyPem,
      public_certificate_entry: { pem: third.certPem + newRoot.certPem },
    };
    const noConfirm = await keystoreRoute.PATCH(request("PATCH", "/x", auth(), entries), p);
    expect(noConfirm.status).toBe(422);
    const rotated = await keystoreRoute.PATCH(request("PATCH", "/x", auth(), { ...entries, confirm: ["new_root"] }), p);
    expect(rotated.status, await rotated.clone().text()).toBe(200);
    const versions = (await (await versionsRoute.GET(request("GET", "/x", auth()), p)).json()) as {
      results: { number: number; retired_how: string }[];
    };
    expect(versions.results.map((v) => [v.number, v.retired_how])).toEqual([
      [2, "rotate"],
      [1, "activate"],
    ]);

    const { keyPem } = await keystoreSecret(ctx.org.id, ks.id);
    const keyBody = keyPem.split("\n")[1].slice(0, 32);
    const texts = [
      JSON.stringify(versions),
      JSON.stringify(await db().auditEvent.findMany({ where: { orgId: ctx.org.id } })),
      JSON.stringify(logged),
      JSON.stringify(await listKeystoreVersions(ctx, ks.name)),
    ];
    for (const text of texts) {
      expect(text).not.toContain("PRIVATE KEY");
      expect(text).not.toContain(keyBody);
    }
  });

  it("PUT …/material goes through the same diff: warnings need confirm (422 naming them, nothing stored); a replacement without warnings needs nothing", async () => {
    const { ks } = await keystoreInUse(leafOf(oldRoot, "server+client", ["localhost", "put.rotation.test"]));
    const p = routeCtx({ org: world.org, name: ks.name });
    const pem = (pair: IssuedPair, root: IssuedPair) => pair.keyPem + pair.certPem + root.certPem;
    // A later certificate for the same names, issuer and usage: what API Connect clients send at renewal, unchanged.
    const renewed = await materialRoute.PUT(
      request("PUT", "/x", auth(), {
        keystore: pem(leafOf(oldRoot, "server+client", ["localhost", "put.rotation.test"], 500), oldRoot),
      }),
      p,
    );
    expect(renewed.status, await renewed.clone().text()).toBe(200);

    const dropped = { keystore: pem(leafOf(newRoot, "server+client", ["localhost"], 600), newRoot) };
    const before = {
      keystore: await db().keystore.findUniqueOrThrow({ where: { id: ks.id } }),
      versions: await db().keystoreVersion.count({ where: { keystoreId: ks.id } }),
    };
    const refused = await materialRoute.PUT(request("PUT", "/x", auth(), { ...dropped, confirm: ["san_removed"] }), p);
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as { message: string; errors: { field: string; message: string }[] };
    expect(body.errors).toEqual([{ field: "confirm", message: "Confirm these warnings first: new_root." }]);
    expect({
      keystore: await db().keystore.findUniqueOrThrow({ where: { id: ks.id } }),
      versions: await db().keystoreVersion.count({ where: { keystoreId: ks.id } }),
    }).toEqual(before);
    const bad = await materialRoute.PUT(request("PUT", "/x", auth(), { ...dropped, confirm: "all" }), p);
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: { field: string }[] }).errors[0].field).toBe("confirm");

    const rotated = await materialRoute.PUT(
      request("PUT", "/x", auth(), { ...dropped, confirm: ["san_removed", "new_root"] }),
      p,
    );
    expect(rotated.status, await rotated.clone().text()).toBe(200);
    const record = await db().auditEvent.findFirstOrThrow({
      where: { orgId: ctx.org.id, targetName: ks.name, action: "rotate" },
      orderBy: { createdAt: "desc" },
    });
    expect(JSON.parse(record.changes)).toMatchObject({
      confirmed_warnings: { to: ["san_removed", "new_root"] },
      kept_as_version: { to: 2 },
    });
  });
});
