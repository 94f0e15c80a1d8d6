import { OPERATIONS } from "@/lib/auth/operations";
import { json, orgRoute, readJson } from "@/lib/server/faces/rest/handler";
import { getNotificationSettings, saveNotificationSettings } from "@/lib/server/notifications/settings";

export const GET = orgRoute(OPERATIONS.manageNotifications, async (ctx) => json(await getNotificationSettings(ctx)));

/** `{thresholds: number[], extra_emails: string[]}`: the whole settings, replaced. */
export const PUT = orgRoute(OPERATIONS.saveNotificationSettings, async (ctx, req) =>
  json(await saveNotificationSettings(ctx, await readJson(req))),
);
