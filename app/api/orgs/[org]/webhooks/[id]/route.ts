import { OPERATIONS } from "@/lib/auth/operations";
import { orgRoute } from "@/lib/server/faces/rest/handler";
import { deleteWebhook } from "@/lib/server/notifications/webhooks";

export const DELETE = orgRoute<{ org: string; id: string }>(OPERATIONS.deleteWebhook, async (ctx, _req, { id }) => {
  await deleteWebhook(ctx, id);
  return new Response(null, { status: 204 });
});
