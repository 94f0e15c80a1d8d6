import { readFileSync } from "node:fs";
import path from "node:path";
import { connect, createServer, type TLSSocket } from "node:tls";
import type { AddressInfo } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { issue } from "@/lib/crypto/pki";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/platform/db";
import { ensureDefaults } from "@/lib/server/install/defaults";
import {
  createKeystore,
  deleteKeystores,
  duplicateKeystore,
  getKeystore,
  keystoreChainPem,
  keystoreSecret,
  listKeystores,
  updateKeystore,
} from "@/lib/server/stores/keystores";
import { replaceKeystoreMaterial } from "@/lib/server/stores/keystore-replacement";
import { createClientProfile, deleteClientProfiles, updateClientProfile } from "@/lib/server/profiles/client-profiles";
import { profileMaterial } from "@/lib/server/profiles/tls-material";
import { createServerProfile, getServerProfile, updateServerProfile } from "@/lib/server/profiles/server-profiles";
import {
  addTruststoreCertificates,
  createTruststore,
  deleteTruststores,
  duplicateTruststore,
  getTruststore,
  removeTruststoreCertificate,
} from "@/lib/server/stores/truststores";
import { toAppError } from "@/lib/server/platform/to-app-error";
import { DEFAULT_CIPHERS } from "@/lib/tls/ciphers";
import { DEFAULT_PROTOCOLS } from "@/lib/tls/protocols";
import { clientTlsOptions, serverTlsOptions } from "@/lib/server/profiles/node-tls-options";
import { ZStoreListQuery } from "@/lib/tls/store-schema";
import { contextFor } from "../helpers/org-context";
import { keystoreUpload, leaf, pemUpload, testCa } from "../helpers/pki";
import { buildWorld } from "../helpers/world";

const BASE = { version: "1.0.0", protocols: DEFAULT_PROTOCOLS, ciphers: DEFAULT_CIPHERS };

let world: Awaited<ReturnType<typeof buildWorld>>;
let ctx: Awaited<ReturnType<typeof contextFor>>;
beforeAll(async () => {
  world = await buildWorld();
  ctx = await contextFor(world);
});

async function refusal(p: Promise<unknown>, code: string): Promise<AppError> {
  const e = toAppError(
    await p.then(
      () => null,
      (x: unknown) => x,
    ),
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  return e as AppError;
}

describe("keystores", () => {
  it("stores an uploaded chain; no response carries the private key; the key is encrypted at rest", async () => {
    const pair = leaf("api.acme.test");
    const created = await createKeystore(ctx, { title: "Acme API" }, keystoreUpload(pair));
    expect(created).toMatchObject({ name: "acme-api", key_type: "EC P-256", subject: "CN=api.acme.test" });
    expect(created.certificates!.map((c) => c.subject)).toEqual(["CN=api.acme.test", "CN=Test CA"]);
    const keyBody = pair.keyPem.split("\n")[1];
    const details = await getKeystore(ctx, "acme-api");
    for (const dto of [created, details, await listKeystores(ctx, ZStoreListQuery.parse({}))]) {
      const text = JSON.stringify(dto);
      expect(text).not.toContain("PRIVATE KEY");
      expect(text).not.toContain(keyBody.slice(0, 24));
    }
    const row = await db().keystore.findUniqueOrThrow({ where: { id: created.id } });
    const der = pair.privateKey.export({ type: "pkcs8", format: "der" });
    expect(Buffer.from(row.keyCiphertext!, "base64").includes(der.subarray(-32))).toBe(false);
    expect((await keystoreSecret(ctx.org.id, created.id)).keyPem).toContain("BEGIN PRIVATE KEY");
    expect(await keystoreChainPem(ctx, "acme-api")).toBe(pair.certPem + testCa.certPem);
  });

  it("a ciphertext moved to another row does not open", async () => {
    const a = await createKeystore(ctx, { title: "Move A" }, keystoreUpload(leaf("a.test")));
    const b = await createKeystore(ctx, { title: "Move B" }, keystoreUpload(leaf("b.test")));
    const rowA = await db().keystore.findUniqueOrThrow({ where: { id: a.id } });
    await db().keystore.update({
      where: { id: b.id },
      data: { keyCiphertext: rowA.keyCiphertext, wrappedDataKey: rowA.wrappedDataKey },
    });
    await expect(keystoreSecret(ctx.org.id, b.id)).rejects.toThrow(/altered or moved/);
  });

  it("stores nothing when the upload is refused, and says why at the field", async () => {
    const before = await db().keystore.count();
    const other = leaf("other.test");
    const e = await refusal(
      createKeystore(ctx, { title: "Mismatch" }, pemUpload(other.keyPem + leaf("x.test").certPem)),
      "VALIDATION",
    );
    expect(e.fieldErrors[0]).toMatchObject({ field: "file", message: expect.stringContaining("does not match") });
    await refusal(createKeystore(ctx, { title: "" }, keystoreUpload(other)), "VALIDATION");
    expect(await db().keystore.count()).toBe(before);
    expect(await db().certificate.count({ where: { keystore: { name: "mismatch" } } })).toBe(0);
  });

  it("an expired leaf needs 'upload anyway', which the audit records", async () => {
    const old = issue(new Date(), { commonName: "old.test", usage: "server", fromDays: -400, toDays: -1 }, testCa);
    const e = await refusal(createKeystore(ctx, { title: "Old" }, keystoreUpload(old)), "VALIDATION");
    expect(e.fieldErrors[0].field).toBe("allow_expired");
    const created = await createKeystore(ctx, { title: "Old" }, keystoreUpload(old, { allowExpired: true }));
    expect(created.expired_accepted).toBe(true);
    const event = await db().auditEvent.findFirstOrThrow({
      where: { orgId: ctx.org.id, targetType: "keystore", targetName: "old" },
    });
    expect(JSON.parse(event.changes).expired_accepted).toEqual({ to: true });
  });

  it("reads a password-protected PKCS#12 and never stores the password", async () => {
    const bytes = readFileSync(path.resolve(__dirname, "../vectors/pkcs12/pbes2-aes128.p12"));
    const password = "rHyQTJsubhfxcpH5JttyilHE6BBsNoZp";
    const created = await createKeystore(
      ctx,
      { title: "From p12" },
      { files: [{ name: "k.p12", bytes }], password, allowExpired: false, fileField: () => "file" },
    );
    expect(created.sha256_fingerprint).toBe(
      "3E:F0:28:09:A8:A1:FD:40:F5:8D:6A:17:B9:CA:55:50:C8:33:A6:5B:3F:95:99:B1:7A:5B:64:49:67:F3:99:23",
    );
    const everything = JSON.stringify([await db().keystore.findMany(), await db().auditEvent.findMany()]);
    expect(everything).not.toContain(password);
  });

  it("rotation replaces key and chain under the same name; profiles using it pick them up", async () => {
    const first = leaf("rotate.test");
    await createKeystore(ctx, { title: "Rotate me" }, keystoreUpload(first));
    await createClientProfile(ctx, { ...BASE, title: "Uses rotate", keystore_url: "rotate-me" });
    const before = await getKeystore(ctx, "rotate-me");
    const second = leaf("rotate.test");
    const after = await replaceKeystoreMaterial(ctx, "rotate-me", keystoreUpload(second), before.row_version);
    expect(after.sha256_fingerprint).not.toBe(before.sha256_fingerprint);
    expect(after.id).toBe(before.id);
    const material = await profileMaterial(ctx, "client", "uses-rotate", "1.0.0");
    expect(material.keystore!.chainPem).toContain(second.certPem.trim());
    await refusal(replaceKeystoreMaterial(ctx, "rotate-me", keystoreUpload(first), before.row_version), "STALE");
  });
});

describe("truststores", () => {
  it("merges duplicates, adds and removes one certificate, keeps at least one", async () => {
    const ca2 = issue(new Date(), { commonName: "Second CA", usage: "ca" });
    const created = await createTruststore(ctx, { title: "Partners" }, pemUpload(testCa.certPem + testCa.certPem));
    expect(created.certificate_count).toBe(1);
    const added = await addTruststoreCertificates(ctx, "partners", pemUpload(ca2.certPem + testCa.certPem));
    expect(added.certificates!.map((c) => c.subject)).toEqual(["CN=Test CA", "CN=Second CA"]);
    const removed = await removeTruststoreCertificate(ctx, "partners", added.certificates![0].sha256_fingerprint);
    expect(removed.certificates!.map((c) => c.subject)).toEqual(["CN=Second CA"]);
    await refusal(
      removeTruststoreCertificate(ctx, "partners", removed.certificates![0].sha256_fingerprint),
      "CONFLICT",
    );
    expect((await getTruststore(ctx, "partners")).not_after).toBe(removed.certificates![0].not_after);
  });
});

describe("server profiles, references and safe deletion", () => {
  it("needs a keystore, and a truststore when mutual authentication is on; references stay in the organization", async () => {
    await createKeystore(ctx, { title: "Gateway" }, keystoreUpload(leaf("gw.test")));
    await createTruststore(ctx, { title: "Clients CA" }, pemUpload(testCa.certPem));
    await refusal(createServerProfile(ctx, { ...BASE, title: "No keystore" }), "VALIDATION");
    const e = await refusal(
      createServerProfile(ctx, { ...BASE, title: "Mutual", keystore_url: "gateway", mutual_authentication: "require" }),
      "VALIDATION",
    );
    expect(e.fieldErrors[0].field).toBe("truststore_url");
    const p = await createServerProfile(ctx, {
      ...BASE,
      title: "Mutual",
      keystore_url: "gateway",
      truststore_url: "clients-ca",
      mutual_authentication: "require",
    });
    expect(p.keystore_url).toMatch(new RegExp(`/api/orgs/${world.org}/keystores/gateway$`));
    const foreign = await refusal(
      updateServerProfile(ctx, "mutual", "1.0.0", {
        keystore_url: `https://x/api/orgs/${world.otherOrg}/keystores/gateway`,
      }),
      "VALIDATION",
    );
    expect(foreign.fieldErrors[0].field).toBe("keystore_url");
    await refusal(updateServerProfile(ctx, "mutual", "1.0.0", { name: "renamed" }), "VALIDATION");
  });

  it("refuses deleting a keystore or truststore in use, listing the dependants; the database refuses too", async () => {
    const e = await refusal(deleteKeystores(ctx, ["gateway"]), "CONFLICT");
    expect(e.message).toContain("Mutual (mutual:1.0.0)");
    await refusal(deleteTruststores(ctx, ["clients-ca"]), "CONFLICT");
    expect((await getKeystore(ctx, "gateway")).used_by).toEqual([
      { type: "tls_server_profile", name: "mutual", version: "1.0.0", title: "Mutual" },
    ]);
    const row = await db().keystore.findUniqueOrThrow({
      where: { orgId_name: { orgId: ctx.org.id, name: "gateway" } },
    });
    await expect(db().keystore.delete({ where: { id: row.id } })).rejects.toThrow();
    expect(await db().keystore.count({ where: { id: row.id } })).toBe(1);
  });

  it("deletes a keystore once nothing uses it", async () => {
    await createKeystore(ctx, { title: "Spare" }, keystoreUpload(leaf("spare.test")));
    await createClientProfile(ctx, { ...BASE, title: "Spare user", keystore_url: "spare" });
    await refusal(deleteKeystores(ctx, ["spare"]), "CONFLICT");
    await deleteClientProfiles(ctx, [{ name: "spare-user", version: "1.0.0" }]);
    expect(await deleteKeystores(ctx, ["spare"])).toBe(1);
  });
});

describe("duplicate to customize", () => {
  it("copies a default keystore's key and chain under a new, editable name, sealed for the new row", async () => {
    await ensureDefaults(ctx);
    const copy = await duplicateKeystore(ctx, "tls-server-keystore-default");
    const source = await getKeystore(ctx, "tls-server-keystore-default");
    expect(copy).toMatchObject({
      name: "tls-server-keystore-default-copy",
      is_default: false,
      sha256_fingerprint: source.sha256_fingerprint,
    });
    const [a, b] = await Promise.all([keystoreSecret(ctx.org.id, source.id), keystoreSecret(ctx.org.id, copy.id)]);
    expect(b.keyPem).toBe(a.keyPem);
    const rows = await db().keystore.findMany({ where: { id: { in: [source.id, copy.id] } } });
    expect(rows[0].keyCiphertext).not.toBe(rows[1].keyCiphertext);
    expect((await duplicateKeystore(ctx, "tls-server-keystore-default")).name).toBe(
      "tls-server-keystore-default-copy-2",
    );
    const ts = await duplicateTruststore(ctx, "portal-director-truststore-default");
    expect(ts).toMatchObject({
      name: "portal-director-truststore-default-copy",
      is_default: false,
      certificate_count: 1,
    });
  });
});

describe("installation defaults", () => {
  it("are created once, tagged, protected, and hand-shake with each other", async () => {
    expect(await ensureDefaults(ctx)).toBe(false);
    expect(await db().keystore.count({ where: { orgId: ctx.org.id, isDefault: true } })).toBe(8);
    expect(await db().truststore.count({ where: { orgId: ctx.org.id, isDefault: true } })).toBe(3);
    expect(await db().tlsClientProfile.count({ where: { orgId: ctx.org.id, isDefault: true } })).toBe(4);
    const server = await getServerProfile(ctx, "tls-server-profile-default", "1.0.0");
    expect(server.is_default).toBe(true);
    await refusal(updateServerProfile(ctx, server.name, server.version, { title: "Mine" }), "PROTECTED");
    await refusal(updateClientProfile(ctx, "tls-client-profile-default", "1.0.0", { title: "Mine" }), "PROTECTED");
    await refusal(deleteClientProfiles(ctx, [{ name: "analytics-ingestion-default", version: "1.0.0" }]), "PROTECTED");
    await refusal(deleteKeystores(ctx, ["id-token-signing-keystore-default"]), "PROTECTED");
    await refusal(updateKeystore(ctx, "tls-server-keystore-default", { title: "x" }), "PROTECTED");
    await refusal(deleteTruststores(ctx, ["portal-director-truststore-default"]), "PROTECTED");

    // The default server profile and the analytics client profile trust the same internal CA.
    const srvMaterial = await profileMaterial(ctx, "server", "tls-server-profile-default", "1.0.0");
    const cliMaterial = await profileMaterial(ctx, "client", "analytics-ingestion-default", "1.0.0");
    const srv = createServer(serverTlsOptions(server, srvMaterial), (s: TLSSocket) => s.end());
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
    const client = {
      protocols: server.protocols,
      ciphers: server.ciphers,
      insecure_server_connections: false,
      server_name_indication: true,
    };
    const protocol = await new Promise<string | null>((resolve, reject) => {
      const s = connect({
        ...clientTlsOptions(client, cliMaterial, "localhost"),
        host: "127.0.0.1",
        port: (srv.address() as AddressInfo).port,
      });
      s.on("secureConnect", () => resolve(s.getProtocol()));
      s.on("error", reject);
    }).finally(() => srv.close());
    expect(protocol).toBe("TLSv1.3");
  });
});
