"use client";

import { Button, CodeSnippet, Select, SelectItem, Stack, TextInput } from "@/components/carbon";
import { useState, useTransition } from "react";
import { inviteMemberAction } from "@/app/actions/members";
import type { FieldError } from "@/lib/errors";

interface RoleOption {
  name: string;
  title: string;
}
interface Created {
  email: string;
  link: string;
  expiresAt: string;
}

// Forms submit through onSubmit, not `action`: React resets a form after an action, which would wipe what
// the person typed whenever the server refuses it.
const errorFor = (errors: FieldError[], field: string) => errors.find((e) => e.field === field)?.message;

/**
 * Invites by email with a role the inviter may grant. The link is shown once, outside any notification (Carbon
 * forbids interactive children there), for the inviter to pass on.
 */
export function InviteForm({ org, roles }: { org: string; roles: RoleOption[] }) {
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [created, setCreated] = useState<Created | null>(null);

  const submit = (form: FormData) =>
    startTransition(async () => {
      const r = await inviteMemberAction(org, { email: form.get("email"), role: form.get("role") });
      if (!r.ok) return setErrors(r.fieldErrors.length ? r.fieldErrors : [{ field: "email", message: r.message }]);
      setErrors([]);
      setCreated(r.data);
    });

  return (
    <section aria-labelledby="invite-title">
      <h2 id="invite-title">Invite a member</h2>
      {created ? (
        <div className="invite-link" role="region" aria-labelledby="invite-link-title">
          <h3 id="invite-link-title">Invitation link for {created.email}</h3>
          <p>
            Copy it now and send it to them: it is shown only once. It works once and expires on{" "}
            {new Date(created.expiresAt).toLocaleString()}.
          </p>
          <CodeSnippet type="single" feedback="Copied" aria-label="Invitation link">
            {created.link}
          </CodeSnippet>
          <Button kind="secondary" size="sm" onClick={() => setCreated(null)}>
            Done, invite someone else
          </Button>
        </div>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submit(new FormData(e.currentTarget));
          }}
          className="inline-form"
        >
          <Stack gap={5}>
            <TextInput
              id="m-email"
              name="email"
              type="email"
              labelText="Email"
              helperText="They choose their own name and password when they open the link."
              invalid={!!errorFor(errors, "email")}
              invalidText={errorFor(errors, "email")}
            />
            <Select
              id="m-role"
              name="role"
              labelText="Role"
              defaultValue={roles.some((r) => r.name === "member") ? "member" : roles[0]?.name}
              invalid={!!errorFor(errors, "role")}
              invalidText={errorFor(errors, "role")}
            >
              {roles.map((r) => (
                <SelectItem key={r.name} value={r.name} text={r.title} />
              ))}
            </Select>
            <Button type="submit" disabled={pending || roles.length === 0}>
              {pending ? "Inviting…" : "Invite"}
            </Button>
          </Stack>
        </form>
      )}
    </section>
  );
}
