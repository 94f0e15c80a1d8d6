import { OPERATIONS } from "@/lib/auth/operations";
import { orgRoute } from "@/lib/server/faces/rest/handler";
import { revokeCalendarFeed } from "@/lib/server/lifecycle/calendar-feeds";

/** Revokes: the feed's URL answers 404 from now on. */
export const DELETE = orgRoute<{ org: string; id: string }>(
  OPERATIONS.revokeCalendarFeed,
  async (ctx, _req, { id }) => {
    await revokeCalendarFeed(ctx, id);
    return new Response(null, { status: 204 });
  },
);
