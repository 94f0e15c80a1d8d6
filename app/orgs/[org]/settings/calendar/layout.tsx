import type { ReactNode } from "react";
import { OPERATIONS } from "@/lib/auth/operations";
import { pageOrg } from "@/lib/server/faces/page";

/** Above loading.tsx's Suspense boundary, as for TLS: a refused user gets a real 403, not a streamed 200. */
export default async function CalendarFeedLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ org: string }>;
}) {
  await pageOrg((await params).org, OPERATIONS.manageCalendarFeeds);
  return children;
}
