import "server-only";
import type { CipherName } from "@/lib/tls/ciphers";
import type { ClientProfileDto } from "@/lib/tls/client-profile-dto";
import {
  ZClientProfileCreate,
  ZClientProfileInput,
  ZClientProfilePatch,
  type TClientProfileInput,
} from "@/lib/tls/client-profile-schema";
import type { ListQuery } from "@/lib/tls/list-query";
import { formValuesOf } from "@/lib/tls/profile-form-values";
import { sortProtocols, type TlsProtocol } from "@/lib/tls/protocols";
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

export type { ClientProfileDto };

export const TARGET = "tls-client-profile";
const KIND = "client";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type Row = Awaited<ReturnType<ReturnType<typeof db>["tlsClientProfile"]["findFirstOrThrow"]>> & {
  keystore: { name: string } | null;
  truststore: { name: string } | null;
};

export function toDto(orgName: string, row: Row): ClientProfileDto {
  const orgUrl = `${publicUrl()}/api/orgs/${orgName}`;
  return {
    type: "tls_client_profile",
    api_version: "2.0.0",
    id: row.id,
    name: row.name,
    version: row.version,
    title: row.title,
    summary: row.summary,
    protocols: row.protocols.split(",").filter(Boolean) as TlsProtocol[],
    ciphers: row.ciphers.split(",").filter(Boolean) as CipherName[],
    insecure_server_connections: row.insecureServerConnections,
    server_name_indication: row.serverNameIndication,
    keystore_url: row.keystore ? storeUrl(orgName, "keystore", row.keystore.name) : null,
    truststore_url: row.truststore ? storeUrl(orgName, "truststore", row.truststore.name) : null,
    is_default: row.isDefault,
    scope: "org",
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    updated_by: row.updatedBy,
    row_version: row.rowVersion,
    url: `${orgUrl}/tls-client-profiles/${row.name}/${encodeURIComponent(row.version)}`,
    org_url: orgUrl,
  };
}

/** The stored form of validated input: canonical order and the TLS 1.3 rule applied (references: storeIds). */
export function toColumns(input: TClientProfileInput) {
  const protocols = sortProtocols(input.protocols);
  return {
    title: input.title,
    summary: input.summary,
    protocols: protocols.join(","),
    ciphers: effectiveCiphers(protocols, input.ciphers).join(","),
    insecureServerConnections: input.insecure_server_connections,
    serverNameIndication: input.server_name_indication,
    searchText: searchTextOf(input),
  };
}

async function findRow(tx: Pick<Db, "tlsClientProfile">, ctx: OrgContext, name: string, version: string): Promise<Row> {
  const row = await tx.tlsClientProfile.findUnique({
    where: { orgId_name_version: { orgId: ctx.org.id, name, version } },
    include: WITH_STORES,
  });
  if (!row) throw profileNotFound(KIND, name, version);
  return row;
}

export async function listClientProfiles(ctx: OrgContext, query: ListQuery) {
  const where = { orgId: ctx.org.id, ...(query.q ? { searchText: { contains: query.q.toLowerCase() } } : {}) };
  const [total, rows] = await db().$transaction([
    db().tlsClientProfile.count({ where }),
    db().tlsClientProfile.findMany({
      where,
      orderBy: profileOrderBy(query),
      skip: query.offset,
      take: query.limit,
      include: WITH_STORES,
    }),
  ]);
  return { total_results: total, results: rows.map((r) => toDto(ctx.org.name, r)) };
}

export async function getClientProfileVersions(ctx: OrgContext, name: string) {
  const rows = await db().tlsClientProfile.findMany({
    where: { orgId: ctx.org.id, name },
    orderBy: { createdAt: "asc" },
    include: WITH_STORES,
  });
  if (rows.length === 0) throw profileNotFound(KIND, name);
  return { total_results: rows.length, results: rows.map((r) => toDto(ctx.org.name, r)) };
}

export async function getClientProfile(ctx: OrgContext, name: string, version: string) {
  return toDto(ctx.org.name, await findRow(db(), ctx, name, version));
}

/** Creates a profile; `isDefault` only for the installation's defaults (bootstrap). */
export async function createClientProfile(ctx: OrgContext, raw: unknown, isDefault = false): Promise<ClientProfileDto> {
  const input = ZClientProfileCreate.parse(raw);
  try {
    return await db().$transaction(async (tx) => {
      const existing = await tx.tlsClientProfile.findUnique({
        where: { orgId_name_version: { orgId: ctx.org.id, name: input.name, version: input.version } },
        select: { id: true },
      });
      if (existing) throw profileClash(KIND, input.name, input.version);
      const row = await tx.tlsClientProfile.create({
        data: {
          orgId: ctx.org.id,
          name: input.name,
          version: input.version,
          isDefault,
          updatedBy: ctx.actor.email,
          ...toColumns(input),
          ...(await storeIds(tx, ctx, input)),
        },
        include: WITH_STORES,
      });
      const dto = toDto(ctx.org.name, row);
      await audit(tx, ctx, "create", { type: TARGET, name: `${row.name}:${row.version}` }, diff({}, formValuesOf(dto)));
      return dto;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw profileClash(KIND, input.name, input.version);
    throw e;
  }
}

/**
 * Applies a partial change. `expectedRowVersion` is the version the editor read: when someone saved in between,
 * nothing is written and the caller learns who changed it and when.
 */
export async function updateClientProfile(
  ctx: OrgContext,
  name: string,
  version: string,
  values: unknown,
  expectedRowVersion?: number,
): Promise<ClientProfileDto> {
  const patch = ZClientProfilePatch.parse(changeOf(values, name, version));
  return db().$transaction(async (tx: Tx) => {
    const row = await findRow(tx, ctx, name, version);
    if (row.isDefault) throw protectedDefault("TLS client profile", `${name}:${version}`);
    if (expectedRowVersion !== undefined && row.rowVersion !== expectedRowVersion) throw staleProfile(row);
    const before = toDto(ctx.org.name, row);
    const merged = ZClientProfileInput.parse({ ...formValuesOf(before), ...patch });
    const { count } = await tx.tlsClientProfile.updateMany({
      where: { id: row.id, rowVersion: row.rowVersion },
      data: {
        ...toColumns(merged),
        ...(await storeIds(tx, ctx, merged)),
        updatedBy: ctx.actor.email,
        rowVersion: { increment: 1 },
      },
    });
    if (count === 0) throw staleProfile(await tx.tlsClientProfile.findUniqueOrThrow({ where: { id: row.id } }));
    const after = toDto(ctx.org.name, await findRow(tx, ctx, name, version));
    await audit(
      tx,
      ctx,
      "update",
      { type: TARGET, name: `${name}:${version}` },
      diff(formValuesOf(before), formValuesOf(after)),
    );
    return after;
  });
}

/** Deletes every listed version or none: one missing or protected target aborts the whole batch. */
export async function deleteClientProfiles(ctx: OrgContext, rawTargets: unknown): Promise<number> {
  const targets = ZProfileTargets.parse(rawTargets);
  return db().$transaction(async (tx) => {
    for (const { name, version } of targets) {
      const row = await findRow(tx, ctx, name, version);
      if (row.isDefault) throw protectedDefault("TLS client profile", `${name}:${version}`);
      await tx.tlsClientProfile.delete({ where: { id: row.id } });
      await audit(
        tx,
        ctx,
        "delete",
        { type: TARGET, name: `${name}:${version}` },
        removed(formValuesOf(toDto(ctx.org.name, row))),
      );
    }
    return targets.length;
  });
}
