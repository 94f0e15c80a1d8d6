import { OPERATIONS } from "@/lib/auth/operations";
import { json, orgRoute, readJson } from "@/lib/server/faces/rest/handler";
import { createCalendarFeed, listCalendarFeeds } from "@/lib/server/lifecycle/calendar-feeds";

export const GET = orgRoute(OPERATIONS.manageCalendarFeeds, async (ctx) => {
  const results = await listCalendarFeeds(ctx);
  return json({ total_results: results.length, results });
});

/** JSON: name. The answer holds the subscription URL, which is never shown again. */
export const POST = orgRoute(OPERATIONS.createCalendarFeed, async (ctx, req) => {
  const { feed, subscription_url } = await createCalendarFeed(ctx, await readJson(req));
  return json({ ...feed, subscription_url }, 201);
});
