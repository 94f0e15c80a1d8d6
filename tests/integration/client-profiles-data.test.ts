import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/platform/db";
import { toAppError } from "@/lib/server/platform/to-app-error";
import {
  createClientProfile,
  deleteClientProfiles,
  getClientProfile,
  getClientProfileVersions,
  listClientProfiles,
  updateClientProfile,
} from "@/lib/server/profiles/client-profiles";
import { TLS13_CIPHERS } from "@/lib/tls/ciphers";
import { ZListQuery } from "@/lib/tls/list-query";
import { contextFor } from "../helpers/org-context";
import { dbSnapshot } from "../helpers/snapshot";
import { buildWorld } from "../helpers/world";

let world: Awaited<ReturnType<typeof buildWorld>>;
let ctx: Awaited<ReturnType<typeof contextFor>>;
beforeAll(async () => {
  world = await buildWorld();
  ctx = await contextFor(world);
});

const base = {
  title: "Acme TLS Client Profile",
  version: "1.0.0",
  protocols: ["tls_v1.2", "tls_v1.3"],
  ciphers: ["ECDHE_RSA_WITH_AES_256_GCM_SHA384"],
};

async function expectAppError(p: Promise<unknown>, code: string) {
  // Validation surfaces as a ZodError from the data layer; every face maps it through toAppError.
  const e = toAppError(await p.catch((x: unknown) => x));
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  return e as AppError;
}

describe("TLS client profile data layer", () => {
  it("creates with the slug name, canonical order, and the TLS 1.3 rule applied", async () => {
    const p = await createClientProfile(ctx, { ...base, protocols: ["tls_v1.3", "tls_v1.2"] });
    expect(p.name).toBe("acme-tls-client-profile");
    expect(p.protocols).toEqual(["tls_v1.2", "tls_v1.3"]);
    expect(p.ciphers).toEqual([...TLS13_CIPHERS, "ECDHE_RSA_WITH_AES_256_GCM_SHA384"]);
    expect(p.server_name_indication).toBe(true);
    expect(p.insecure_server_connections).toBe(false);
    expect(p.url).toMatch(new RegExp(`/api/orgs/${ctx.org.name}/tls-client-profiles/acme-tls-client-profile/1.0.0$`));
    const audit = await db().auditEvent.findFirstOrThrow({ where: { orgId: ctx.org.id, action: "create" } });
    expect(audit.actorEmail).toBe(world.users.owner.email);
    expect(JSON.parse(audit.changes).ciphers.to).toEqual(p.ciphers);
  });

  it("drops TLS 1.3 ciphers when TLS 1.3 is not selected", async () => {
    const p = await createClientProfile(ctx, {
      ...base,
      title: "Only 1.2",
      protocols: ["tls_v1.2"],
      ciphers: [...TLS13_CIPHERS, "ECDHE_RSA_WITH_AES_256_GCM_SHA384"],
    });
    expect(p.ciphers).toEqual(["ECDHE_RSA_WITH_AES_256_GCM_SHA384"]);
  });

  it("refuses a (name, version) clash at the version field and writes nothing", async () => {
    const before = await dbSnapshot();
    const e = await expectAppError(createClientProfile(ctx, base), "CONFLICT");
    expect(e.fieldErrors[0].field).toBe("version");
    expect(await dbSnapshot()).toEqual(before);
  });

  it("allows the same name and version in another organization", async () => {
    const other = await contextFor(world, "otherOrgAdmin", world.otherOrg);
    await expect(createClientProfile(other, base)).resolves.toMatchObject({ name: "acme-tls-client-profile" });
  });

  it.each([
    [{ ...base, version: "2.0.0", protocols: ["tls_v2"] }, "protocols.0"],
    [{ ...base, version: "2.0.0", title: "" }, "title"],
    [{ ...base, version: "2.0.0", extra: 1 }, "body"],
  ])("writes nothing on invalid input %#", async (input, field) => {
    const before = await dbSnapshot();
    const e = await expectAppError(createClientProfile(ctx, input), "VALIDATION");
    expect(e.fieldErrors.map((f) => f.field)).toContain(field);
    expect(await dbSnapshot()).toEqual(before);
  });

  it("keeps every version under one name", async () => {
    await createClientProfile(ctx, { ...base, version: "1.1.0" });
    const versions = await getClientProfileVersions(ctx, "acme-tls-client-profile");
    expect(versions.results.map((v) => v.version)).toEqual(["1.0.0", "1.1.0"]);
  });

  it("updates with optimistic concurrency: a stale row version is refused with who and when", async () => {
    const read = await getClientProfile(ctx, "acme-tls-client-profile", "1.0.0");
    const admin = await contextFor(world, "orgAdmin");
    const saved = await updateClientProfile(admin, read.name, read.version, { summary: "first" }, read.row_version);
    expect(saved.row_version).toBe(read.row_version + 1);
    expect(saved.updated_by).toBe(world.users.orgAdmin.email);

    const before = await dbSnapshot();
    const e = await expectAppError(
      updateClientProfile(ctx, read.name, read.version, { summary: "second" }, read.row_version),
      "STALE",
    );
    expect(e.message).toContain(world.users.orgAdmin.email);
    expect(e.message).toContain("reload");
    expect(await dbSnapshot()).toEqual(before);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { orgId: ctx.org.id, action: "update" } });
    expect(JSON.parse(audit.changes)).toEqual({ summary: { from: "", to: "first" } });
  });

  it("re-applies the TLS 1.3 rule on update", async () => {
    const p = await updateClientProfile(ctx, "acme-tls-client-profile", "1.1.0", { protocols: ["tls_v1.2"] });
    expect(p.ciphers.some((c) => c.startsWith("TLS_"))).toBe(false);
  });

  it("validates the merged result of a patch", async () => {
    const before = await dbSnapshot();
    await expectAppError(
      updateClientProfile(ctx, "acme-tls-client-profile", "1.1.0", {
        protocols: ["tls_v1.2"],
        ciphers: ["TLS_AES_128_GCM_SHA256"],
      }),
      "VALIDATION",
    );
    expect(await dbSnapshot()).toEqual(before);
  });

  it("searches, sorts and pages on the server", async () => {
    for (let i = 0; i < 12; i++)
      await createClientProfile(ctx, { ...base, title: `Paged ${String(i).padStart(2, "0")}` });
    const page = await listClientProfiles(ctx, ZListQuery.parse({ q: "PAGED", sort: "-title", limit: 5, offset: 5 }));
    expect(page.total_results).toBe(12);
    expect(page.results.map((r) => r.title)).toEqual(["Paged 06", "Paged 05", "Paged 04", "Paged 03", "Paged 02"]);
  });

  it("deletes a batch all-or-nothing", async () => {
    const before = await dbSnapshot();
    await expectAppError(
      deleteClientProfiles(ctx, [
        { name: "paged-00", version: "1.0.0" },
        { name: "missing", version: "1.0.0" },
      ]),
      "NOT_FOUND",
    );
    expect(await dbSnapshot()).toEqual(before);
    await expect(
      deleteClientProfiles(ctx, [
        { name: "paged-00", version: "1.0.0" },
        { name: "paged-01", version: "1.0.0" },
      ]),
    ).resolves.toBe(2);
    await expectAppError(getClientProfile(ctx, "paged-00", "1.0.0"), "NOT_FOUND");
    expect(await db().auditEvent.count({ where: { orgId: ctx.org.id, action: "delete" } })).toBe(2);
  });
});
