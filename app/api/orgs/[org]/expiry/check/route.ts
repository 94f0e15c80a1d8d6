import { OPERATIONS } from "@/lib/auth/operations";
import { json, orgRoute } from "@/lib/server/faces/rest/handler";
import { checkNow } from "@/lib/server/notifications/check-now";

/** Runs the expiry check for this organization now and answers what it queued; delivery follows in the background. */
export const POST = orgRoute(OPERATIONS.runExpiryCheck, async (ctx) => json(await checkNow(ctx)));
