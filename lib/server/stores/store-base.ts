import "server-only";
import { AppError } from "@/lib/errors";
import { ZName } from "@/lib/tls/client-profile-schema";
import type { OrgContext } from "@/lib/server/access/require-org";
import { audit, removed } from "@/lib/server/platform/audit";
import { db, type Db } from "@/lib/server/platform/db";
import { isForeignKeyViolation, isUniqueViolation } from "@/lib/server/platform/prisma-errors";
import { saveVersioned, type Versioned, type VersionedTable } from "@/lib/server/platform/row-version";
import { dependantsOf, inUse, protectedDefault } from "@/lib/server/stores/dependants";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type StoreKind = "keystore" | "truststore";

interface StoreRow extends Versioned {
  name: string;
  isDefault: boolean;
}

/** The table operations the shared store logic uses; the keystore and truststore delegates both fit. */
interface StoreTable<Row> extends VersionedTable {
  findUnique(args: { where: { orgId_name: { orgId: string; name: string } } }): PromiseLike<Row | null>;
  count(args: { where: { orgId: string; name: string } }): PromiseLike<number>;
  delete(args: { where: { id: string } }): PromiseLike<unknown>;
}

/**
 * What keystores and truststores share: addressing by name within the organization, the not-found, clash,
 * protected and stale refusals, and deletion guarded by the profiles that use a store. `kind` is also the audit
 * target type.
 */
export function storeBase<Row extends StoreRow>(kind: StoreKind, table: (tx: Pick<Db, StoreKind>) => StoreTable<Row>) {
  const key = (ctx: OrgContext, name: string) => ({ orgId_name: { orgId: ctx.org.id, name } });

  function clash(name: string): AppError {
    return new AppError("CONFLICT", `A ${kind} named "${name}" already exists.`, [
      { field: "name", message: `"${name}" is taken. Choose another name.` },
    ]);
  }

  async function find(tx: Pick<Db, StoreKind>, ctx: OrgContext, rawName: string): Promise<Row> {
    const name = ZName.safeParse(rawName);
    const row = name.success ? await table(tx).findUnique({ where: key(ctx, name.data) }) : null;
    if (!row) throw new AppError("NOT_FOUND", `No ${kind} named "${rawName}".`);
    return row;
  }

  /** A store that may change: it exists and is not one of the installation's defaults. */
  async function findEditable(tx: Tx, ctx: OrgContext, name: string): Promise<Row> {
    const row = await find(tx, ctx, name);
    if (row.isDefault) throw protectedDefault(kind, name);
    return row;
  }

  /** Writes `columns` (and who saved) under the row version the editor read; see saveVersioned. */
  function save(
    tx: Tx,
    ctx: OrgContext,
    row: Row,
    expected: number | undefined,
    columns: () => Promise<Record<string, unknown>> | Record<string, unknown>,
  ): Promise<void> {
    return saveVersioned(table(tx), kind, row, expected, async () => ({
      ...(await columns()),
      updatedBy: ctx.actor.email,
    }));
  }

  /** Refuses a name already taken in the organization, before anything is written. */
  async function assertNameFree(tx: Tx, ctx: OrgContext, name: string): Promise<void> {
    if (await table(tx).findUnique({ where: key(ctx, name) })) throw clash(name);
  }

  /** What a failed insert answers: an insert that raced another to the same name is a clash too. */
  const insertFailure = (e: unknown, name: string): unknown => (isUniqueViolation(e) ? clash(name) : e);

  const nameTaken = (ctx: OrgContext) => (name: string) =>
    Promise.resolve(table(db()).count({ where: { orgId: ctx.org.id, name } })).then((n) => n > 0);

  /**
   * Deletes every listed store or none: one in use, protected or missing aborts the batch. `audited` gives what the
   * audit log keeps of a row, read before it goes.
   */
  async function removeAll(
    ctx: OrgContext,
    names: string[],
    audited: (tx: Tx, row: Row) => Promise<Record<string, unknown>> | Record<string, unknown>,
  ): Promise<number> {
    if (!Array.isArray(names) || names.length === 0 || names.length > 100)
      throw new AppError("VALIDATION", `Name 1 to 100 ${kind}s to delete.`);
    try {
      return await db().$transaction(async (tx) => {
        for (const name of names) {
          const row = await find(tx, ctx, String(name));
          if (row.isDefault) throw protectedDefault(kind, row.name);
          const dependants = await dependantsOf(
            tx,
            kind === "keystore" ? { keystoreId: row.id } : { truststoreId: row.id },
          );
          if (dependants.length) throw inUse(kind, row.name, dependants);
          const record = await audited(tx, row);
          await table(tx).delete({ where: { id: row.id } });
          await audit(tx, ctx, "delete", { type: kind, name: row.name }, removed(record));
        }
        return names.length;
      });
    } catch (e) {
      // The database's restricting foreign keys catch a profile that started using the store meanwhile.
      if (isForeignKeyViolation(e))
        throw new AppError(
          "CONFLICT",
          `A profile started using this ${kind} while it was being deleted; nothing was deleted.`,
        );
      throw e;
    }
  }

  return { find, findEditable, save, assertNameFree, insertFailure, nameTaken, removeAll };
}
