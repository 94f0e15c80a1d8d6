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
import { useState, useTransition } from "react";
import { addMemberAction, assignRoleAction, createRoleAction } from "@/app/actions/members";
import { useToast } from "@/components/ui/toasts";
import { PERMISSION_LABELS, PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import type { FieldError } from "@/lib/errors";

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

const errorFor = (errors: FieldError[], field: string) => errors.find((e) => e.field === field)?.message;

export function MembersManager({
  org,
  members,
  roles,
  selfId,
}: {
  org: string;
  members: Member[];
  roles: Role[];
  selfId: string;
}) {
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [roleErrors, setRoleErrors] = useState<FieldError[]>([]);
  const [memberErrors, setMemberErrors] = useState<FieldError[]>([]);
  const [perms, setPerms] = useState<Permission[]>(["settings:view"]);

  const changeRole = (userId: string, role: string) =>
    startTransition(async () => {
      const r = await assignRoleAction(org, userId, role);
      setError(r.ok ? null : r.message);
      if (r.ok) toast({ kind: "success", title: "Role changed" });
    });

  const submitRole = (form: FormData) =>
    startTransition(async () => {
      const r = await createRoleAction(org, { name: form.get("name"), title: form.get("title"), permissions: perms });
      setRoleErrors(r.ok ? [] : r.fieldErrors.length ? r.fieldErrors : [{ field: "name", message: r.message }]);
      if (r.ok) toast({ kind: "success", title: `Role ${r.data.title} created` });
    });

  const submitMember = (form: FormData) =>
    startTransition(async () => {
      const r = await addMemberAction(org, Object.fromEntries(form));
      setMemberErrors(r.ok ? [] : r.fieldErrors.length ? r.fieldErrors : [{ field: "email", message: r.message }]);
      if (r.ok) toast({ kind: "success", title: `${r.data.email} added` });
    });

  return (
    <Stack gap={8}>
      {error && (
        <InlineNotification
          kind="error"
          title="Not changed"
          subtitle={error}
          role="alert"
          onClose={() => setError(null)}
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
                  <Select
                    id={`role-${m.userId}`}
                    labelText={`Role of ${m.email}`}
                    hideLabel
                    size="sm"
                    defaultValue={m.role}
                    disabled={pending}
                    onChange={(e) => changeRole(m.userId, e.target.value)}
                  >
                    {roles.map((r) => (
                      <SelectItem key={r.name} value={r.name} text={r.title} />
                    ))}
                  </Select>
                </StructuredListCell>
              </StructuredListRow>
            ))}
          </StructuredListBody>
        </StructuredListWrapper>
      </section>

      <section aria-labelledby="add-member-title">
        <h2 id="add-member-title">Add a member</h2>
        <form action={submitMember} className="inline-form">
          <Stack gap={5}>
            <TextInput
              id="m-email"
              name="email"
              type="email"
              labelText="Email"
              invalid={!!errorFor(memberErrors, "email")}
              invalidText={errorFor(memberErrors, "email")}
            />
            <TextInput
              id="m-name"
              name="name"
              labelText="Full name"
              invalid={!!errorFor(memberErrors, "name")}
              invalidText={errorFor(memberErrors, "name")}
            />
            <TextInput
              id="m-password"
              name="password"
              type="password"
              labelText="Initial password (new accounts only)"
              helperText="At least 12 characters. Ignored when the email already has an account."
              invalid={!!errorFor(memberErrors, "password")}
              invalidText={errorFor(memberErrors, "password")}
            />
            <Select id="m-role" name="role" labelText="Role" defaultValue="member">
              {roles.map((r) => (
                <SelectItem key={r.name} value={r.name} text={r.title} />
              ))}
            </Select>
            <Button type="submit" disabled={pending}>
              Add member
            </Button>
          </Stack>
        </form>
      </section>

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
        <form action={submitRole} className="inline-form">
          <Stack gap={5}>
            <TextInput
              id="r-title"
              name="title"
              labelText="Role title"
              invalid={!!errorFor(roleErrors, "title")}
              invalidText={errorFor(roleErrors, "title")}
            />
            <TextInput
              id="r-name"
              name="name"
              labelText="Role name"
              helperText="Lower-case letters, digits and dashes"
              invalid={!!errorFor(roleErrors, "name")}
              invalidText={errorFor(roleErrors, "name")}
            />
            <fieldset className="cds--fieldset">
              <legend className="cds--label">Permissions</legend>
              {PERMISSIONS.map((p) => (
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
