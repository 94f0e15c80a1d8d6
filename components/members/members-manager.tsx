"use client";

import {
  Button,
  Checkbox,
  InlineNotification,
  Select,
  SelectItem,
  Stack,
  StructuredListBody,
  StructuredListCell,
  StructuredListHead,
  StructuredListRow,
  StructuredListWrapper,
  TextInput,
} from "@/components/carbon";
import { useState } from "react";
import { assignRoleAction, createRoleAction } from "@/app/actions/members";
import { InviteForm } from "@/components/members/invite-form";
import { PendingInvitations } from "@/components/members/pending-invitations";
import { RoleChangeModal } from "@/components/members/role-change-modal";
import { useToast } from "@/components/ui/toasts";
import { useReturnFocus } from "@/components/ui/use-return-focus";
import { failureText, useActionMutation } from "@/components/ui/use-action-mutation";
import { hasPermission, PERMISSION_LABELS, PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { grantableRoles, grantRefusal, type RoleLike } from "@/lib/auth/role-hierarchy";
import type { InvitationDto } from "@/lib/server/access/invitations";

interface Member {
  userId: string;
  email: string;
  name: string;
  role: string;
}
interface Role {
  name: string;
  title: string;
  permissions: string;
  builtin: boolean;
}

export function MembersManager({
  org,
  members,
  roles,
  invitations,
  selfId,
  actorRole,
}: {
  org: string;
  members: Member[];
  roles: Role[];
  invitations: InvitationDto[];
  selfId: string;
  actorRole: RoleLike;
}) {
  const toast = useToast();
  const assigning = useActionMutation(assignRoleAction);
  const creating = useActionMutation(createRoleAction);
  const pending = assigning.busy || creating.busy;
  // A refusal of no one field (say, a name already taken) is shown at the name.
  const nameError =
    creating.fieldError("name") ??
    (creating.failure && !creating.failure.fieldErrors.length ? failureText(creating.failure) : undefined);
  const [perms, setPerms] = useState<Permission[]>(() =>
    hasPermission(actorRole.permissions, "settings:view") ? ["settings:view"] : [],
  );
  const roleTitle = (name: string) => roles.find((r) => r.name === name)?.title ?? name;
  // The server decides (role-hierarchy); the page only offers what it would allow.
  const rolesFor = (m: Member) => {
    const current = roles.find((r) => r.name === m.role);
    if (!current || m.userId === selfId) return [];
    return roles.filter((r) => r === current || !grantRefusal(actorRole, r, { current, self: false }));
  };

  // The select shows the stored role until a change is confirmed and saved; a refusal leaves it as it was.
  const [proposal, setProposal] = useState<{ member: Member; from: Role; to: Role } | null>(null);
  const propose = (m: Member, roleName: string) => {
    const from = roles.find((r) => r.name === m.role);
    const to = roles.find((r) => r.name === roleName);
    if (from && to && from !== to) setProposal({ member: m, from, to });
  };
  // The dialog unmounts and the select was disabled while saving: focus goes back to the select it came from.
  const returnFocus = useReturnFocus(!pending);
  const refocusRole = (m: Member) => returnFocus(() => document.getElementById(`role-${m.userId}`));
  const changeRole = async ({ member, to }: { member: Member; to: Role }) => {
    const r = await assigning.run(org, member.userId, to.name);
    refocusRole(member);
    setProposal(null);
    if (r.ok) toast({ kind: "success", title: `${member.email} is now ${to.title}` });
  };

  // onSubmit rather than `action`, which would reset the form and wipe what was typed when the server refuses it.
  const submitRole = async (form: HTMLFormElement) => {
    const data = new FormData(form);
    const r = await creating.run(org, { name: data.get("name"), title: data.get("title"), permissions: perms });
    if (!r.ok) return;
    form.reset();
    toast({ kind: "success", title: `Role ${r.data.title} created` });
  };

  return (
    <Stack gap={8}>
      {assigning.failure && (
        <InlineNotification
          kind="error"
          title="Not changed"
          subtitle={failureText(assigning.failure)}
          role="alert"
          onClose={assigning.dismiss}
        />
      )}
      <section aria-labelledby="members-title">
        <h2 id="members-title">Members</h2>
        <StructuredListWrapper aria-label="Members">
          <StructuredListHead>
            <StructuredListRow head>
              <StructuredListCell head>Name</StructuredListCell>
              <StructuredListCell head>Email</StructuredListCell>
              <StructuredListCell head>Role</StructuredListCell>
            </StructuredListRow>
          </StructuredListHead>
          <StructuredListBody>
            {members.map((m) => (
              <StructuredListRow key={m.userId}>
                <StructuredListCell>
                  {m.name}
                  {m.userId === selfId ? " (you)" : ""}
                </StructuredListCell>
                <StructuredListCell>{m.email}</StructuredListCell>
                <StructuredListCell>
                  {rolesFor(m).length > 1 ? (
                    <Select
                      id={`role-${m.userId}`}
                      labelText={`Role of ${m.email}`}
                      hideLabel
                      size="sm"
                      value={proposal?.member.userId === m.userId ? proposal.to.name : m.role}
                      disabled={pending}
                      onChange={(e) => propose(m, e.target.value)}
                    >
                      {rolesFor(m).map((r) => (
                        <SelectItem key={r.name} value={r.name} text={r.title} />
                      ))}
                    </Select>
                  ) : (
                    roleTitle(m.role)
                  )}
                </StructuredListCell>
              </StructuredListRow>
            ))}
          </StructuredListBody>
        </StructuredListWrapper>
      </section>

      {proposal && (
        <RoleChangeModal
          email={proposal.member.email}
          from={proposal.from}
          to={proposal.to}
          busy={assigning.busy}
          onCancel={() => {
            refocusRole(proposal.member);
            setProposal(null);
          }}
          onConfirm={() => void changeRole(proposal)}
        />
      )}
      <InviteForm org={org} roles={grantableRoles(actorRole, roles)} />
      <PendingInvitations org={org} invitations={invitations} roleTitle={roleTitle} />

      <section aria-labelledby="roles-title">
        <h2 id="roles-title">Roles</h2>
        <ul className="role-list">
          {roles.map((r) => (
            <li key={r.name}>
              <strong>{r.title}</strong> ({r.name}) —{" "}
              {r.permissions === "*" ? "every permission" : r.permissions || "no permissions"}
              {r.builtin ? " · built-in" : ""}
            </li>
          ))}
        </ul>
        <h3>Create a custom role</h3>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submitRole(e.currentTarget);
          }}
          className="inline-form"
        >
          <Stack gap={5}>
            <TextInput id="r-title" name="title" labelText="Role title" {...creating.fieldProps("title")} />
            <TextInput
              id="r-name"
              name="name"
              labelText="Role name"
              helperText="Lower-case letters, digits and dashes"
              invalid={!!nameError}
              invalidText={nameError}
            />
            <fieldset className="cds--fieldset">
              <legend className="cds--label">Permissions</legend>
              {PERMISSIONS.filter((p) => hasPermission(actorRole.permissions, p)).map((p) => (
                <Checkbox
                  key={p}
                  id={`perm-${p}`}
                  labelText={PERMISSION_LABELS[p]}
                  checked={perms.includes(p)}
                  onChange={(_, { checked }) =>
                    setPerms((list) => (checked ? [...list, p] : list.filter((x) => x !== p)))
                  }
                />
              ))}
            </fieldset>
            <Button type="submit" disabled={pending}>
              Create role
            </Button>
          </Stack>
        </form>
      </section>
    </Stack>
  );
}
