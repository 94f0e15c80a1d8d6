import type { ReactNode } from "react";
import { OPERATIONS } from "@/lib/auth/operations";
import { pageOrg } from "@/lib/server/faces/page";

/**
 * The permission check sits above loading.tsx's Suspense boundary: once streaming has begun the status is 200, and
 * a refused user must get a real 403.
 */
export default async function TlsLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ org: string }>;
}) {
  await pageOrg((await params).org, OPERATIONS.viewTls);
  return children;
}
