import "server-only";
import type { OrgContext } from "@/lib/server/access/require-org";
import { runExpiryCheck } from "@/lib/server/notifications/check";
import { deliverDue } from "@/lib/server/notifications/deliver";
import { reserveManual } from "@/lib/server/notifications/manual-limits";
import { logger } from "@/lib/server/platform/logger";

/**
 * "Check now" (REST and the settings page): the notices are recorded before the answer; sending them does not hold the
 * request (a slow receiver could take its whole deadline) and is claimed like any scheduled delivery.
 */
export async function checkNow(ctx: OrgContext) {
  await reserveManual(ctx, "checkNow");
  const result = await runExpiryCheck(ctx);
  if (result.queued.length)
    void deliverDue(new Date()).catch((e: unknown) =>
      logger.error({ err: e, requestId: ctx.requestId }, "delivery after a manual check failed"),
    );
  return result;
}
