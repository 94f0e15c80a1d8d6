import "server-only";
import type { z } from "zod";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { ListQuery } from "@/lib/tls/list-query";
import type { OrgContext } from "@/lib/server/access/require-org";
import { audit, diff, removed } from "@/lib/server/platform/audit";
import { db, type Db } from "@/lib/server/platform/db";
import { protectedDefault } from "@/lib/server/stores/dependants";
import { isUniqueViolation } from "@/lib/server/platform/prisma-errors";
import { saveVersioned, type Versioned, type VersionedTable } from "@/lib/server/platform/row-version";
import {
  changeOf,
  KIND_LABEL,
  profileClash,
  profileNotFound,
  profileOrderBy,
  type ProfileKind,
  ZProfileTargets,
} from "@/lib/server/profiles/shared";
import { WITH_STORES } from "@/lib/server/profiles/store-refs";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type Key = { orgId_name_version: { orgId: string; name: string; version: string } };
type ListWhere = { orgId: string; name?: string; searchText?: { contains: string } };

interface BaseRow extends Versioned {
  name: string;
  version: string;
  isDefault: boolean;
}

/** The table operations the shared profile logic uses; the client- and server-profile delegates both fit. */
interface ProfileTable<Row> extends VersionedTable {
  findUnique(args: { where: Key; include: typeof WITH_STORES }): PromiseLike<Row | null>;
  findMany(args: {
    where: ListWhere;
    orderBy: object | object[];
    skip?: number;
    take?: number;
    include: typeof WITH_STORES;
  }): Prisma.PrismaPromise<Row[]>;
  count(args: { where: ListWhere }): Prisma.PrismaPromise<number>;
  delete(args: { where: { id: string } }): PromiseLike<unknown>;
}

/** What makes a client profile different from a server profile, for the shared create/read/update/delete. */
type BaseColumns = { orgId: string; name: string; version: string; isDefault: boolean; updatedBy: string };

interface ProfileKindSpec<Row extends BaseRow, Dto, Input extends { name: string; version: string }, Columns> {
  kind: ProfileKind;
  /** The audit target type. */
  target: string;
  table: (tx: Tx) => ProfileTable<Row>;
  toDto: (orgName: string, row: Row) => Dto;
  /** Editable fields of a stored profile: merged with a patch, and what the audit records. */
  values: (dto: Dto) => Input;
  /** Stored columns for validated input, references resolved. */
  columns: (tx: Tx, ctx: OrgContext, input: Input) => Promise<Columns>;
  /** Inserts a row; typed per kind because Prisma's create input differs per model. */
  insert: (tx: Tx, data: BaseColumns & Columns) => PromiseLike<Row>;
  /** The organization's TLS policy on the row as it would be stored (ADR 027): throws a 422 at the field at fault. */
  comply: (tx: Tx, ctx: OrgContext, row: Row) => Promise<void>;
  create: z.ZodType<Input>;
  input: z.ZodType<Input>;
  patch: z.ZodType<Partial<Input>>;
}

/** The data-layer functions of one kind of profile; every face (actions, REST, scripts) calls these. */
export function profileRepo<
  Row extends BaseRow,
  Dto,
  Input extends { name: string; version: string },
  Columns extends object,
>(spec: ProfileKindSpec<Row, Dto, Input, Columns>) {
  const { kind, target } = spec;
  const label = KIND_LABEL[kind];
  const key = (ctx: OrgContext, name: string, version: string): Key => ({
    orgId_name_version: { orgId: ctx.org.id, name, version },
  });

  async function findRow(tx: Tx, ctx: OrgContext, name: string, version: string): Promise<Row> {
    const row = await spec.table(tx).findUnique({ where: key(ctx, name, version), include: WITH_STORES });
    if (!row) throw profileNotFound(kind, name, version);
    return row;
  }

  async function list(ctx: OrgContext, query: ListQuery) {
    const where: ListWhere = {
      orgId: ctx.org.id,
      ...(query.q ? { searchText: { contains: query.q.toLowerCase() } } : {}),
    };
    const table = spec.table(db());
    const [total, rows] = await db().$transaction([
      table.count({ where }),
      table.findMany({
        where,
        orderBy: profileOrderBy(query),
        skip: query.offset,
        take: query.limit,
        include: WITH_STORES,
      }),
    ]);
    return { total_results: total, results: rows.map((r) => spec.toDto(ctx.org.name, r)) };
  }

  async function versions(ctx: OrgContext, name: string) {
    const rows = await spec
      .table(db())
      .findMany({ where: { orgId: ctx.org.id, name }, orderBy: { createdAt: "asc" }, include: WITH_STORES });
    if (rows.length === 0) throw profileNotFound(kind, name);
    return { total_results: rows.length, results: rows.map((r) => spec.toDto(ctx.org.name, r)) };
  }

  async function get(ctx: OrgContext, name: string, version: string): Promise<Dto> {
    return spec.toDto(ctx.org.name, await findRow(db(), ctx, name, version));
  }

  /** `isDefault` only for the installation's defaults (bootstrap). */
  async function create(ctx: OrgContext, raw: unknown, isDefault = false): Promise<Dto> {
    const input = spec.create.parse(raw);
    try {
      return await db().$transaction(async (tx) => {
        if (await spec.table(tx).findUnique({ where: key(ctx, input.name, input.version), include: WITH_STORES }))
          throw profileClash(kind, input.name, input.version);
        const base = {
          orgId: ctx.org.id,
          name: input.name,
          version: input.version,
          isDefault,
          updatedBy: ctx.actor.email,
        };
        const row = await spec.insert(tx, { ...base, ...(await spec.columns(tx, ctx, input)) });
        if (!isDefault) await spec.comply(tx, ctx, row);
        const dto = spec.toDto(ctx.org.name, row);
        await audit(
          tx,
          ctx,
          "create",
          { type: target, name: `${input.name}:${input.version}` },
          diff({}, spec.values(dto)),
        );
        return dto;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw profileClash(kind, input.name, input.version);
      throw e;
    }
  }

  /**
   * Applies a partial change. `expectedRowVersion` is the version the editor read: when someone saved in
   * between, nothing is written and the caller learns who changed it and when.
   */
  async function update(
    ctx: OrgContext,
    name: string,
    version: string,
    values: unknown,
    expectedRowVersion?: number,
  ): Promise<Dto> {
    const patch = spec.patch.parse(changeOf(values, name, version));
    return db().$transaction(async (tx) => {
      const row = await findRow(tx, ctx, name, version);
      if (row.isDefault) throw protectedDefault(label, `${name}:${version}`);
      const before = spec.toDto(ctx.org.name, row);
      await saveVersioned(spec.table(tx), "profile", row, expectedRowVersion, async () => {
        const merged = spec.input.parse({ ...spec.values(before), ...patch });
        return { ...(await spec.columns(tx, ctx, merged)), updatedBy: ctx.actor.email };
      });
      const afterRow = await findRow(tx, ctx, name, version);
      await spec.comply(tx, ctx, afterRow);
      const after = spec.toDto(ctx.org.name, afterRow);
      await audit(
        tx,
        ctx,
        "update",
        { type: target, name: `${name}:${version}` },
        diff(spec.values(before), spec.values(after)),
      );
      return after;
    });
  }

  /** Deletes every listed version or none: one missing or protected target aborts the whole batch. */
  async function remove(ctx: OrgContext, rawTargets: unknown): Promise<number> {
    const targets = ZProfileTargets.parse(rawTargets);
    return db().$transaction(async (tx) => {
      for (const { name, version } of targets) {
        const row = await findRow(tx, ctx, name, version);
        if (row.isDefault) throw protectedDefault(label, `${name}:${version}`);
        await spec.table(tx).delete({ where: { id: row.id } });
        await audit(
          tx,
          ctx,
          "delete",
          { type: target, name: `${name}:${version}` },
          removed(spec.values(spec.toDto(ctx.org.name, row))),
        );
      }
      return targets.length;
    });
  }

  return { list, versions, get, create, update, remove };
}
