import { z } from "zod";

/** What the "Create feed" form, its action and POST /calendar-feeds accept. */
export const ZCreateCalendarFeed = z.object({
  name: z.string().trim().min(1, "Name is required").max(64, "At most 64 characters"),
});
