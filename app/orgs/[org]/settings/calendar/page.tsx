import type { Metadata } from "next";
import { CalendarFeedsManager } from "@/components/calendar/calendar-feeds-manager";
import { OPERATIONS } from "@/lib/auth/operations";
import { pageOrg } from "@/lib/server/faces/page";
import { listCalendarFeeds } from "@/lib/server/lifecycle/calendar-feeds";

export const metadata: Metadata = { title: "Calendar feed" };

export default async function CalendarFeedPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await pageOrg(org, OPERATIONS.manageCalendarFeeds);
  const feeds = await listCalendarFeeds(ctx);
  return (
    <div className="page">
      <header className="page__header">
        <p className="page__eyebrow">{ctx.org.title}</p>
        <h1>Calendar feed</h1>
        <p>
          Every certificate of this organization&rsquo;s keystores and truststores as an event on its expiry date, with
          reminders 30, 7 and 1 days before and on the day. A feed stops working when it is revoked, or when the person
          who created it may no longer view this organization&rsquo;s TLS settings.
        </p>
      </header>
      <CalendarFeedsManager org={ctx.org.name} feeds={feeds} />
    </div>
  );
}
