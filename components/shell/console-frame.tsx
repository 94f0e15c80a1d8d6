import type { ReactNode } from "react";
import { may } from "@/lib/auth/operations";
import { listMyOrgs } from "@/lib/server/access/require-org";
import { pageActor } from "@/lib/server/faces/page";
import { AppShell } from "./app-shell";

/** Server side of the shell: only the user's own organizations, and nav entries their role allows. */
export async function ConsoleFrame({ orgName, children }: { orgName?: string; children: ReactNode }) {
  const actor = await pageActor();
  const orgs = await listMyOrgs(actor);
  const current = orgs.find((o) => o.name === orgName);
  return (
    <AppShell
      user={{ name: actor.name, email: actor.email }}
      orgs={orgs.map(({ name, title }) => ({ name, title }))}
      currentOrg={current && { name: current.name, title: current.title }}
      canViewTls={!!current && may(current.permissions, "viewTls")}
      canManageMembers={!!current && may(current.permissions, "viewMembers")}
      canManageSettings={!!current && may(current.permissions, "manageCalendarFeeds")}
    >
      {children}
    </AppShell>
  );
}
