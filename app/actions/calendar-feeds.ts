"use server";

import { revalidatePath } from "next/cache";
import { OPERATIONS } from "@/lib/auth/operations";
import { orgAction } from "@/lib/server/faces/action";
import { createCalendarFeed, revokeCalendarFeed } from "@/lib/server/lifecycle/calendar-feeds";

/** The subscription URL is in this one response and never again. */
export async function createCalendarFeedAction(org: string, values: unknown) {
  const result = await orgAction("createCalendarFeed", org, OPERATIONS.createCalendarFeed, (ctx) =>
    createCalendarFeed(ctx, values),
  );
  revalidatePath(`/orgs/${org}/settings/calendar`);
  return result;
}

export async function revokeCalendarFeedAction(org: string, id: string) {
  const result = await orgAction("revokeCalendarFeed", org, OPERATIONS.revokeCalendarFeed, (ctx) =>
    revokeCalendarFeed(ctx, id),
  );
  revalidatePath(`/orgs/${org}/settings/calendar`);
  return result;
}
