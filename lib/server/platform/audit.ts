import "server-only";
import type { Db } from "@/lib/server/platform/db";
import type { OrgContext } from "@/lib/server/access/require-org";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export type Changes = Record<string, { from?: unknown; to?: unknown }>;

/** Written inside the caller's transaction, so a change and its audit record commit or fail together. */
export async function audit(
  tx: Tx,
  ctx: OrgContext,
  action: string,
  target: { type: string; name: string },
  changes: Changes,
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      orgId: ctx.org.id,
      actorId: ctx.actor.userId,
      actorEmail: ctx.actor.email,
      via: ctx.actor.via,
      action,
      targetType: target.type,
      targetName: target.name,
      changes: JSON.stringify(changes),
      requestId: ctx.requestId,
    },
  });
}

/** Field-by-field difference between two plain records; equal values (compared as JSON) are left out. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>): Changes {
  const out: Changes = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out[key] = { from: before[key], to: after[key] };
  }
  return out;
}

/** Every field of a deleted record, as "from" values. */
export function removed(before: Record<string, unknown>): Changes {
  return Object.fromEntries(Object.entries(before).map(([key, from]) => [key, { from }]));
}
