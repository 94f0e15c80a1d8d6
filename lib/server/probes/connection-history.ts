import "server-only";
import { Prisma } from "@/lib/generated/sqlite/client";
import type { OrgContext } from "@/lib/server/access/require-org";
import { audit } from "@/lib/server/platform/audit";
import { db, type Db } from "@/lib/server/platform/db";
import { databaseUrl, providerOf } from "@/lib/server/platform/db-url";
import type { ConnectionTestRecord, ConnectionTestResult, ProbeCode } from "@/lib/tls/connection-test";

/** How many results each profile keeps (ADR 023). */
export const KEPT_PER_PROFILE = 20;

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Whose history a result joins: a client profile's tests or a server profile's checks. */
type HistoryOwner = { clientProfileId: string } | { serverProfileId: string };

/** What the audit record says about a run: where it went and how it ended, never key material. */
export interface RunAudit {
  action: "test" | "check";
  target: { type: string; name: string };
  details: Record<string, string | number | boolean | null>;
}

const TABLE = { clientProfileId: "TlsClientProfile", serverProfileId: "TlsServerProfile" } as const;

/**
 * Locks the profile's row until the transaction ends (PostgreSQL), so two runs finishing together prune in turn and
 * the profile keeps exactly the newest 20; false when the profile was deleted while the test ran.
 */
async function lockProfile(tx: Tx, owner: HistoryOwner): Promise<boolean> {
  const [column, id] = Object.entries(owner)[0] as [keyof typeof TABLE, string];
  const forUpdate = Prisma.raw(providerOf(databaseUrl()) === "postgresql" ? " FOR UPDATE" : "");
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM ${Prisma.raw(`"${TABLE[column]}"`)} WHERE "id" = ${id}${forUpdate}`;
  return rows.length > 0;
}

/** Deletes the profile's results beyond the newest 20 in one statement. */
async function dropBeyondKept(tx: Tx, owner: HistoryOwner): Promise<void> {
  const [column, id] = Object.entries(owner)[0] as [keyof typeof TABLE, string];
  const where = Prisma.sql`${Prisma.raw(`"${column}"`)} = ${id}`;
  await tx.$executeRaw`
    DELETE FROM "ConnectionTest" WHERE ${where} AND "id" NOT IN (
      SELECT "id" FROM "ConnectionTest" WHERE ${where} ORDER BY "at" DESC, "id" DESC LIMIT ${KEPT_PER_PROFILE})`;
}

export function auditRun(tx: Tx, ctx: OrgContext, run: RunAudit, result: ConnectionTestResult) {
  const details = { ...run.details, ok: result.ok, outcome: result.code ?? "ok" };
  const changes = Object.fromEntries(Object.entries(details).map(([k, to]) => [k, { to }]));
  return audit(tx, ctx, run.action, run.target, changes);
}

/**
 * Keeps a result in the profile's history and drops what falls beyond the newest 20, with its audit record, in one
 * transaction. A profile deleted meanwhile keeps nothing; the run is still audited.
 */
export async function keepResult(
  ctx: OrgContext,
  owner: HistoryOwner,
  target: string,
  run: RunAudit,
  result: ConnectionTestResult,
  now: Date,
): Promise<void> {
  await db().$transaction(async (tx) => {
    await auditRun(tx, ctx, run, result);
    if (!(await lockProfile(tx, owner))) return;
    await tx.connectionTest.create({
      data: {
        orgId: ctx.org.id,
        ...owner,
        at: now,
        actor: ctx.actor.email,
        target,
        ok: result.ok,
        code: result.code ?? null,
        message: result.message,
        result: JSON.stringify(result),
      },
    });
    await dropBeyondKept(tx, owner);
  });
}

/** The kept results of a profile, newest first. */
export async function historyOf(ctx: OrgContext, owner: HistoryOwner): Promise<ConnectionTestRecord[]> {
  const rows = await db().connectionTest.findMany({
    where: { ...owner, orgId: ctx.org.id },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: KEPT_PER_PROFILE,
  });
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actor: r.actor,
    target: r.target,
    ok: r.ok,
    code: r.code as ProbeCode | null,
    message: r.message,
    result: JSON.parse(r.result) as ConnectionTestResult,
  }));
}
