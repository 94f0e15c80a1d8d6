import "server-only";
import type { Db } from "@/lib/server/platform/db";
import { databaseUrl, providerOf } from "@/lib/server/platform/db-url";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * Serializes membership changes in one organization until the transaction ends. Postgres: a row lock on the
 * organization, so a concurrent transaction waits and then reads what the first one committed (READ COMMITTED
 * reads afresh per statement). SQLite already runs one writing transaction at a time.
 */
export async function lockOrganization(tx: Tx, orgId: string): Promise<void> {
  if (providerOf(databaseUrl()) !== "postgresql") return;
  await tx.$queryRaw`SELECT "id" FROM "Organization" WHERE "id" = ${orgId} FOR UPDATE`;
}
