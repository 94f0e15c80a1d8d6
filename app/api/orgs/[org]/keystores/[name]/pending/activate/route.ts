import { OPERATIONS } from "@/lib/auth/operations";
import { etag } from "@/lib/server/faces/rest/body";
import { json, orgRoute } from "@/lib/server/faces/rest/handler";
import { optionalJson } from "@/lib/server/faces/rest/rotation-body";
import { activatePending, cancelScheduledActivation } from "@/lib/server/stores/keystore-pending";

type Params = { org: string; name: string };

/**
 * `{at?, confirm?}`: activates the pending material now (200, the keystore) or schedules it (202, the pending
 * material); every warning code of the diff must be in `confirm`, or 422 at `confirm` naming the missing ones.
 */
export const POST = orgRoute<Params>(OPERATIONS.activateKeystoreRotation, async (ctx, req, { name }) => {
  const body = await optionalJson(req);
  const done = await activatePending(ctx, name, body);
  return "activated" in done
    ? json(done.activated, 200, { etag: etag(done.activated.row_version) })
    : json(done.scheduled, 202);
});

/** Cancels a scheduled activation; the pending material stays. */
export const DELETE = orgRoute<Params>(OPERATIONS.cancelKeystoreActivation, async (ctx, _req, { name }) =>
  json(await cancelScheduledActivation(ctx, name)),
);
