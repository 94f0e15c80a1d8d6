import "server-only";
import type { CipherName } from "@/lib/tls/ciphers";
import type { ListQuery } from "@/lib/tls/list-query";
import { serverFormValuesOf } from "@/lib/tls/profile-form-values";
import { sortProtocols, type TlsProtocol } from "@/lib/tls/protocols";
import type { ServerProfileDto } from "@/lib/tls/server-profile-dto";
import {
  type MutualAuthentication,
  type TServerProfileInput,
  ZServerProfileCreate,
  ZServerProfileInput,
  ZServerProfilePatch,
} from "@/lib/tls/server-profile-schema";
import { effectiveCiphers } from "@/lib/tls/tls13-rule";
import type { OrgContext } from "./access";
import { audit, diff, removed } from "./audit";
import { publicUrl } from "./config";
import { db, type Db } from "./db";
import { protectedDefault } from "./dependants";
import { isUniqueViolation } from "./prisma-errors";
import {
  changeOf,
  profileClash,
  profileNotFound,
  profileOrderBy,
  searchTextOf,
  staleProfile,
  ZProfileTargets,
} from "./profile-shared";
import { storeIds, storeUrl, WITH_STORES } from "./store-refs";

export type { ServerProfileDto };

export const TARGET = "tls-server-profile";
const KIND = "server";

type Row = Awaited<ReturnType<ReturnType<typeof db>["tlsServerProfile"]["findFirstOrThrow"]>> & {
  keystore: { name: string };
  truststore: { name: string } | null;
};

export function toDto(orgName: string, row: Row): ServerProfileDto {
  const orgUrl = `${publicUrl()}/api/orgs/${orgName}`;
  return {
    type: "tls_server_profile",
    api_version: "2.0.0",
    id: row.id,
    name: row.name,
    version: row.version,
    title: row.title,
    summary: row.summary,
    protocols: row.protocols.split(",").filter(Boolean) as TlsProtocol[],
    ciphers: row.ciphers.split(",").filter(Boolean) as CipherName[],
    mutual_authentication: row.mutualAuthentication as MutualAuthentication,
    limit_renegotiation: row.limitRenegotiation,
    keystore_url: storeUrl(orgName, "keystore", row.keystore.name),
    truststore_url: row.truststore ? storeUrl(orgName, "truststore", row.truststore.name) : null,
    is_default: row.isDefault,
    scope: "org",
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    updated_by: row.updatedBy,
    row_version: row.rowVersion,
    url: `${orgUrl}/tls-server-profiles/${row.name}/${encodeURIComponent(row.version)}`,
    org_url: orgUrl,
  };
}

export function toColumns(input: TServerProfileInput) {
  const protocols = sortProtocols(input.protocols);
  return {
    title: input.title,
    summary: input.summary,
    protocols: protocols.join(","),
    ciphers: effectiveCiphers(protocols, input.ciphers).join(","),
    mutualAuthentication: input.mutual_authentication,
    limitRenegotiation: input.limit_renegotiation,
    searchText: searchTextOf(input),
  };
}

/** A server profile's keystore is required; the schema guarantees a reference, this its resolution. */
async function refs(tx: Pick<Db, "keystore" | "truststore">, ctx: OrgContext, input: TServerProfileInput) {
  const { keystoreId, truststoreId } = await storeIds(tx, ctx, input);
  return { keystoreId: keystoreId!, truststoreId };
}

async function findRow(tx: Pick<Db, "tlsServerProfile">, ctx: OrgContext, name: string, version: string): Promise<Row> {
  const row = await tx.tlsServerProfile.findUnique({
    where: { orgId_name_version: { orgId: ctx.org.id, name, version } },
    include: WITH_STORES,
  });
  if (!row) throw profileNotFound(KIND, name, version);
  return row;
}

export async function listServerProfiles(ctx: OrgContext, query: ListQuery) {
  const where = { orgId: ctx.org.id, ...(query.q ? { searchText: { contains: query.q.toLowerCase() } } : {}) };
  const [total, rows] = await db().$transaction([
    db().tlsServerProfile.count({ where }),
    db().tlsServerProfile.findMany({
      where,
      orderBy: profileOrderBy(query),
      skip: query.offset,
      take: query.limit,
      include: WITH_STORES,
    }),
  ]);
  return { total_results: total, results: rows.map((r) => toDto(ctx.org.name, r)) };
}

export async function getServerProfileVersions(ctx: OrgContext, name: string) {
  const rows = await db().tlsServerProfile.findMany({
    where: { orgId: ctx.org.id, name },
    orderBy: { createdAt: "asc" },
    include: WITH_STORES,
  });
  if (rows.length === 0) throw profileNotFound(KIND, name);
  return { total_results: rows.length, results: rows.map((r) => toDto(ctx.org.name, r)) };
}

export async function getServerProfile(ctx: OrgContext, name: string, version: string) {
  return toDto(ctx.org.name, await findRow(db(), ctx, name, version));
}

export async function createServerProfile(ctx: OrgContext, raw: unknown, isDefault = false): Promise<ServerProfileDto> {
  const input = ZServerProfileCreate.parse(raw);
  try {
    return await db().$transaction(async (tx) => {
      const existing = await tx.tlsServerProfile.findUnique({
        where: { orgId_name_version: { orgId: ctx.org.id, name: input.name, version: input.version } },
        select: { id: true },
      });
      if (existing) throw profileClash(KIND, input.name, input.version);
      const row = await tx.tlsServerProfile.create({
        data: {
          orgId: ctx.org.id,
          name: input.name,
          version: input.version,
          isDefault,
          updatedBy: ctx.actor.email,
          ...toColumns(input),
          ...(await refs(tx, ctx, input)),
        },
        include: WITH_STORES,
      });
      const dto = toDto(ctx.org.name, row);
      await audit(
        tx,
        ctx,
        "create",
        { type: TARGET, name: `${row.name}:${row.version}` },
        diff({}, serverFormValuesOf(dto)),
      );
      return dto;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw profileClash(KIND, input.name, input.version);
    throw e;
  }
}

export async function updateServerProfile(
  ctx: OrgContext,
  name: string,
  version: string,
  values: unknown,
  expectedRowVersion?: number,
) {
  const patch = ZServerProfilePatch.parse(changeOf(values, name, version));
  return db().$transaction(async (tx) => {
    const row = await findRow(tx, ctx, name, version);
    if (row.isDefault) throw protectedDefault("TLS server profile", `${name}:${version}`);
    if (expectedRowVersion !== undefined && row.rowVersion !== expectedRowVersion) throw staleProfile(row);
    const before = toDto(ctx.org.name, row);
    const merged = ZServerProfileInput.parse({ ...serverFormValuesOf(before), ...patch });
    const { count } = await tx.tlsServerProfile.updateMany({
      where: { id: row.id, rowVersion: row.rowVersion },
      data: {
        ...toColumns(merged),
        ...(await refs(tx, ctx, merged)),
        updatedBy: ctx.actor.email,
        rowVersion: { increment: 1 },
      },
    });
    if (count === 0) throw staleProfile(await tx.tlsServerProfile.findUniqueOrThrow({ where: { id: row.id } }));
    const after = toDto(ctx.org.name, await findRow(tx, ctx, name, version));
    await audit(
      tx,
      ctx,
      "update",
      { type: TARGET, name: `${name}:${version}` },
      diff(serverFormValuesOf(before), serverFormValuesOf(after)),
    );
    return after;
  });
}

export async function deleteServerProfiles(ctx: OrgContext, rawTargets: unknown): Promise<number> {
  const targets = ZProfileTargets.parse(rawTargets);
  return db().$transaction(async (tx) => {
    for (const { name, version } of targets) {
      const row = await findRow(tx, ctx, name, version);
      if (row.isDefault) throw protectedDefault("TLS server profile", `${name}:${version}`);
      await tx.tlsServerProfile.delete({ where: { id: row.id } });
      await audit(
        tx,
        ctx,
        "delete",
        { type: TARGET, name: `${name}:${version}` },
        removed(serverFormValuesOf(toDto(ctx.org.name, row))),
      );
    }
    return targets.length;
  });
}
