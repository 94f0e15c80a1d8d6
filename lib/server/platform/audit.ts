import "server-only";
import { db, type Db } from "@/lib/server/platform/db";
import type { Actor } from "@/lib/server/access/actor";
import type { OrgContext } from "@/lib/server/access/require-org";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type Changes = Record<string, { from?: unknown; to?: unknown }>;

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

/** What an account-level event records beside the account itself. Never a password, token or key. */
interface AccountEventDetails {
  /** The account's email, kept in the record even after the account is deleted. */
  email: string;
  requestId: string;
  via?: Actor["via"];
  /** What the event is about; defaults to the account itself. */
  target?: { type: string; name: string };
  changes?: Changes;
}

/**
 * Events about a person rather than an organization (sign-in, sign-out, password, API keys): stored with no
 * organization. Pass the transaction when the event belongs to a write, so both commit or fail together.
 */
export async function auditAccount(
  userId: string | null,
  action: string,
  details: AccountEventDetails,
  tx: Tx | Db = db(),
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      orgId: null,
      actorId: userId,
      actorEmail: details.email,
      via: details.via ?? "session",
      action,
      targetType: details.target?.type ?? "account",
      targetName: details.target?.name ?? details.email,
      changes: JSON.stringify(details.changes ?? {}),
      requestId: details.requestId,
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
