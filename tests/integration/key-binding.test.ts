import { createCipheriv, randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { EnvelopeError, isLegacy, masterKeyId, sealedOf } from "@/lib/crypto/envelope";
import { resealLegacyKeys } from "@/lib/server/install/reseal-keys";
import { db } from "@/lib/server/platform/db";
import { masterKey } from "@/lib/server/platform/master-key";
import { createKeystore, keystoreSecret } from "@/lib/server/stores/keystores";
import { contextFor } from "../helpers/org-context";
import { keystoreUpload, leaf } from "../helpers/pki";
import { buildWorld } from "../helpers/world";

let world: Awaited<ReturnType<typeof buildWorld>>;
beforeAll(async () => {
  world = await buildWorld();
});

async function stored(title: string, org = world.org, who: "owner" | "otherOrgAdmin" = "owner") {
  const ctx = await contextFor(world, who, org);
  const pair = leaf(`${title}.test`);
  const dto = await createKeystore(ctx, { title }, keystoreUpload(pair));
  return { ctx, pair, row: await db().keystore.findUniqueOrThrow({ where: { id: dto.id } }) };
}

/** Seals a key as the console did before the organization joined the binding (row id only). */
function legacySeal(record: string, plain: Buffer) {
  const layer = (key: Buffer, data: Buffer, aad: string) => {
    const iv = randomBytes(12);
    const c = createCipheriv("aes-256-gcm", key, iv).setAAD(Buffer.from(aad));
    const body = Buffer.concat([c.update(data), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), body]).toString("base64");
  };
  const dataKey = randomBytes(32);
  return {
    keyCiphertext: layer(dataKey, plain, `data:${record}`),
    wrappedDataKey: layer(masterKey(), dataKey, `wrap:${record}`),
    masterKeyId: masterKeyId(masterKey()),
  };
}

describe("sealed keys are bound to their organization as well as their row", () => {
  it("does not open a keystore row moved to another organization", async () => {
    const { row } = await stored("Moved");
    const other = await db().organization.findUniqueOrThrow({ where: { name: world.otherOrg } });
    await db().keystore.update({ where: { id: row.id }, data: { orgId: other.id } });
    await expect(keystoreSecret(other.id, row.id)).rejects.toThrow(EnvelopeError);
  });

  it("re-seals keys stored before the binding at start, keeping them readable and their updatedAt", async () => {
    const { row, pair, ctx } = await stored("Legacy");
    const der = Buffer.from(
      (await keystoreSecret(ctx.org.id, row.id)).keyPem.replace(/-----[^-]+-----|\s/g, ""),
      "base64",
    );
    await db().keystore.update({
      where: { id: row.id },
      data: { ...legacySeal(`keystore:${row.id}`, der), updatedAt: row.updatedAt },
    });
    const legacy = await db().keystore.findUniqueOrThrow({ where: { id: row.id } });
    expect(isLegacy(sealedOf(legacy)!)).toBe(true);
    expect((await keystoreSecret(ctx.org.id, row.id)).keyPem).toContain("PRIVATE KEY");

    expect(await resealLegacyKeys()).toBeGreaterThanOrEqual(1);
    const after = await db().keystore.findUniqueOrThrow({ where: { id: row.id } });
    expect(isLegacy(sealedOf(after)!)).toBe(false);
    expect(after.updatedAt).toEqual(row.updatedAt);
    const { keyPem } = await keystoreSecret(ctx.org.id, row.id);
    expect(keyPem.replace(/\s/g, "")).toBe(pair.keyPem.replace(/\s/g, ""));
    expect(await resealLegacyKeys()).toBe(0);
  });
});
