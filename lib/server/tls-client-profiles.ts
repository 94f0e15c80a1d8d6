import "server-only";
import { AppError } from "@/lib/errors";
import type { CipherName } from "@/lib/tls/ciphers";
import type { ClientProfileDto } from "@/lib/tls/client-profile-dto";
import { z } from "zod";
import {
  ZName,
  ZVersion,
  ZClientProfileCreate,
  ZClientProfileInput,
  ZClientProfilePatch,
  type TClientProfileInput,
} from "@/lib/tls/client-profile-schema";
import { sortProtocols, type TlsProtocol } from "@/lib/tls/protocols";
import { effectiveCiphers } from "@/lib/tls/tls13-rule";
import type { OrgContext } from "./access";
import { audit, diff, removed } from "./audit";
import { publicUrl } from "./config";
import { db } from "./db";
import { isUniqueViolation } from "./prisma-errors";
import { LIST_SORT_FIELDS, type ListQuery } from "@/lib/tls/list-query";

export type { ClientProfileDto };

export const TARGET = "tls-client-profile";

const ZTargets = z
  .array(z.strictObject({ name: ZName, version: ZVersion }))
  .min(1)
  .max(100);

type Row = Awaited<ReturnType<ReturnType<typeof db>["tlsClientProfile"]["findFirstOrThrow"]>>;

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
    scope: "org",
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    updated_by: row.updatedBy,
    row_version: row.rowVersion,
    url: `${orgUrl}/tls-client-profiles/${row.name}/${encodeURIComponent(row.version)}`,
    org_url: orgUrl,
  };
}

/** The stored form of validated input: canonical order, and the TLS 1.3 rule applied. */
export function toColumns(input: TClientProfileInput) {
  const protocols = sortProtocols(input.protocols);
  return {
    title: input.title,
    summary: input.summary,
    protocols: protocols.join(","),
    ciphers: effectiveCiphers(protocols, input.ciphers).join(","),
    insecureServerConnections: input.insecure_server_connections,
    serverNameIndication: input.server_name_indication,
    searchText: [input.title, input.name, input.version, input.summary].join(" ").toLowerCase(),
  };
}

function auditable(dto: Pick<ClientProfileDto, keyof TClientProfileInput>) {
  const { title, name, version, summary, protocols, ciphers, insecure_server_connections, server_name_indication } =
    dto;
  return { title, name, version, summary, protocols, ciphers, insecure_server_connections, server_name_indication };
}

function clash(name: string, version: string): AppError {
  return new AppError("CONFLICT", `A TLS client profile named "${name}" with version ${version} already exists.`, [
    { field: "version", message: `Version ${version} of "${name}" already exists. Choose another version.` },
  ]);
}

export async function listClientProfiles(ctx: OrgContext, query: ListQuery) {
  const where = {
    orgId: ctx.org.id,
    ...(query.q ? { searchText: { contains: query.q.toLowerCase() } } : {}),
  };
  const column = LIST_SORT_FIELDS[query.sort];
  const [total, rows] = await db().$transaction([
    db().tlsClientProfile.count({ where }),
    db().tlsClientProfile.findMany({
      where,
      // Tie-breakers follow the sort direction so the database can walk the matching index either way.
      orderBy: [{ [column]: query.direction }, { name: query.direction }, { version: query.direction }],
      skip: query.offset,
      take: query.limit,
    }),
  ]);
  return { total_results: total, results: rows.map((r) => toDto(ctx.org.name, r)) };
}

export async function getClientProfileVersions(ctx: OrgContext, name: string) {
  const rows = await db().tlsClientProfile.findMany({
    where: { orgId: ctx.org.id, name },
    orderBy: { createdAt: "asc" },
  });
  if (rows.length === 0) throw new AppError("NOT_FOUND", `No TLS client profile named "${name}".`);
  return { total_results: rows.length, results: rows.map((r) => toDto(ctx.org.name, r)) };
}

export async function getClientProfile(ctx: OrgContext, name: string, version: string) {
  const row = await db().tlsClientProfile.findUnique({
    where: { orgId_name_version: { orgId: ctx.org.id, name, version } },
  });
  if (!row) throw new AppError("NOT_FOUND", `No TLS client profile "${name}" with version ${version}.`);
  return toDto(ctx.org.name, row);
}

export async function createClientProfile(ctx: OrgContext, raw: unknown): Promise<ClientProfileDto> {
  const input = ZClientProfileCreate.parse(raw);
  try {
    return await db().$transaction(async (tx) => {
      const existing = await tx.tlsClientProfile.findUnique({
        where: { orgId_name_version: { orgId: ctx.org.id, name: input.name, version: input.version } },
        select: { id: true },
      });
      if (existing) throw clash(input.name, input.version);
      const row = await tx.tlsClientProfile.create({
        data: {
          orgId: ctx.org.id,
          name: input.name,
          version: input.version,
          updatedBy: ctx.actor.email,
          ...toColumns(input),
        },
      });
      const dto = toDto(ctx.org.name, row);
      await audit(tx, ctx, "create", { type: TARGET, name: `${row.name}:${row.version}` }, diff({}, auditable(dto)));
      return dto;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw clash(input.name, input.version);
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
  rawPatch: unknown,
  expectedRowVersion?: number,
): Promise<ClientProfileDto> {
  const patch = ZClientProfilePatch.parse(rawPatch);
  return db().$transaction(async (tx) => {
    const row = await tx.tlsClientProfile.findUnique({
      where: { orgId_name_version: { orgId: ctx.org.id, name, version } },
    });
    if (!row) throw new AppError("NOT_FOUND", `No TLS client profile "${name}" with version ${version}.`);
    if (expectedRowVersion !== undefined && row.rowVersion !== expectedRowVersion) throw stale(row);
    const before = toDto(ctx.org.name, row);
    const merged = ZClientProfileInput.parse({ ...auditable(before), ...patch });
    const { count } = await tx.tlsClientProfile.updateMany({
      where: { id: row.id, rowVersion: row.rowVersion },
      data: { ...toColumns(merged), updatedBy: ctx.actor.email, rowVersion: { increment: 1 } },
    });
    if (count === 0) throw stale(await tx.tlsClientProfile.findUniqueOrThrow({ where: { id: row.id } }));
    const after = toDto(ctx.org.name, await tx.tlsClientProfile.findUniqueOrThrow({ where: { id: row.id } }));
    await audit(
      tx,
      ctx,
      "update",
      { type: TARGET, name: `${name}:${version}` },
      diff(auditable(before), auditable(after)),
    );
    return after;
  });
}

function stale(row: Row): AppError {
  return new AppError(
    "STALE",
    `This profile was changed by ${row.updatedBy} at ${row.updatedAt.toISOString()} — reload to see their changes.`,
  );
}

/** Deletes every listed version or none: one missing target aborts the whole batch. */
export async function deleteClientProfiles(ctx: OrgContext, rawTargets: unknown): Promise<number> {
  const targets = ZTargets.parse(rawTargets);
  return db().$transaction(async (tx) => {
    for (const { name, version } of targets) {
      const row = await tx.tlsClientProfile.findUnique({
        where: { orgId_name_version: { orgId: ctx.org.id, name, version } },
      });
      if (!row) throw new AppError("NOT_FOUND", `No TLS client profile "${name}" with version ${version}.`);
      await tx.tlsClientProfile.delete({ where: { id: row.id } });
      await audit(
        tx,
        ctx,
        "delete",
        { type: TARGET, name: `${name}:${version}` },
        removed(auditable(toDto(ctx.org.name, row))),
      );
    }
    return targets.length;
  });
}
