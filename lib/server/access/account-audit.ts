import "server-only";
import type { Db } from "@/lib/server/platform/db";
import type { Actor } from "@/lib/server/access/actor";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * Audit records about a person's own account (password change, sign out everywhere): they belong to no
 * organization, so they are written with no orgId, inside the caller's transaction like every audit record.
 */
export async function auditAccount(tx: Tx, actor: Actor, action: string, requestId: string): Promise<void> {
  await tx.auditEvent.create({
    data: {
      orgId: null,
      actorId: actor.userId,
      actorEmail: actor.email,
      via: actor.via,
      action,
      targetType: "account",
      targetName: actor.email,
      changes: "{}",
      requestId,
    },
  });
}
