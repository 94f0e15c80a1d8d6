import { OPERATIONS } from "@/lib/auth/operations";
import { json, orgRoute, readJson } from "@/lib/server/faces/rest/handler";
import { createWebhook, listWebhooks } from "@/lib/server/notifications/webhooks";

export const GET = orgRoute(OPERATIONS.manageNotifications, async (ctx) => json({ results: await listWebhooks(ctx) }));

/** `{url, secret}`; the secret is sealed and never returned. */
export const POST = orgRoute(OPERATIONS.createWebhook, async (ctx, req) =>
  json(await createWebhook(ctx, await readJson(req)), 201),
);
