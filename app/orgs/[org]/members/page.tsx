import type { Metadata } from "next";
import { MembersManager } from "@/components/members/members-manager";
import { listInvitations } from "@/lib/server/access/invitations";
import { listMembers, listRoles } from "@/lib/server/access/members";
import { OPERATIONS } from "@/lib/auth/operations";
import { pageOrg } from "@/lib/server/faces/page";

export const metadata: Metadata = { title: "Members & roles" };

export default async function MembersPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const ctx = await pageOrg(org, OPERATIONS.viewMembers);
  const [members, roles, invitations] = await Promise.all([listMembers(ctx), listRoles(ctx), listInvitations(ctx)]);
  return (
    <div className="page">
      <header className="page__header">
        <p className="page__eyebrow">{ctx.org.title}</p>
        <h1>Members &amp; roles</h1>
      </header>
      <MembersManager
        org={ctx.org.name}
        members={members}
        roles={roles}
        invitations={invitations}
        selfId={ctx.actor.userId}
        actorRole={{ name: ctx.role.name, permissions: ctx.role.permissions }}
      />
    </div>
  );
}
