import { OPERATIONS } from "@/lib/auth/operations";
import { json, orgRoute } from "@/lib/server/faces/rest/handler";
import { sendTestWebhook } from "@/lib/server/notifications/test-send";

/** Posts a signed `test` event now; the answer says how the receiver replied (also kept in the delivery log). */
export const POST = orgRoute<{ org: string; id: string }>(OPERATIONS.sendTestNotification, async (ctx, _req, { id }) =>
  json(await sendTestWebhook(ctx, id)),
);
