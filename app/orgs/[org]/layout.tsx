import type { ReactNode } from "react";
import { ConsoleFrame } from "@/components/shell/console-frame";

export default async function OrgLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ org: string }>;
}) {
  const { org } = await params;
  return <ConsoleFrame orgName={org}>{children}</ConsoleFrame>;
}
