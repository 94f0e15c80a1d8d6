import type { ReactNode } from "react";
import { forbidden, notFound } from "next/navigation";
import { mayViewAllOrgs } from "@/lib/auth/all-orgs";
import { OPERATIONS } from "@/lib/auth/operations";
import { pageOrg } from "@/lib/server/faces/page";

/**
 * Every organization's certificates: owners and administrators of the admin organization only (lib/auth/all-orgs.ts).
 * Checked here, above loading.tsx's Suspense boundary, so a refused user gets a real 403.
 */
export default async function AllOrganizationsExpiryLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ org: string }>;
}) {
  const ctx = await pageOrg((await params).org, OPERATIONS.viewExpiry);
  // Only the admin organization has this view: elsewhere it does not exist (a 403 would blame the role).
  if (ctx.org.type !== "admin") notFound();
  if (!mayViewAllOrgs(ctx)) forbidden();
  return children;
}
