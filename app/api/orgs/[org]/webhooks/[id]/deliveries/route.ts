import { OPERATIONS } from "@/lib/auth/operations";
import { json, orgRoute } from "@/lib/server/faces/rest/handler";
import { webhookDeliveries } from "@/lib/server/notifications/webhooks";

export const GET = orgRoute<{ org: string; id: string }>(OPERATIONS.manageNotifications, async (ctx, _req, { id }) =>
  json({ results: await webhookDeliveries(ctx, id) }),
);
