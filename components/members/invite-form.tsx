"use client";

import { Button, CodeSnippet, Select, SelectItem, Stack, TextInput } from "@/components/carbon";
import { useState } from "react";
import { inviteMemberAction } from "@/app/actions/members";
import { failureText, useActionMutation } from "@/components/ui/use-action-mutation";

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

/**
 * Invites by email with a role the inviter may grant. The link is shown once, outside any notification (Carbon
 * forbids interactive children there), for the inviter to pass on.
 */
export function InviteForm({ org, roles }: { org: string; roles: RoleOption[] }) {
  const inviting = useActionMutation(inviteMemberAction);
  const [created, setCreated] = useState<Created | null>(null);
  // A refusal of no one field (say, a duplicate invitation) is about the address.
  const refusal = inviting.failure;
  const emailError =
    inviting.fieldError("email") ?? (refusal && !refusal.fieldErrors.length ? failureText(refusal) : undefined);

  const submit = async (form: FormData) => {
    const r = await inviting.run(org, { email: form.get("email"), role: form.get("role") });
    if (r.ok) setCreated(r.data);
  };

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
            void submit(new FormData(e.currentTarget));
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
              invalid={!!emailError}
              invalidText={emailError}
            />
            <Select
              id="m-role"
              name="role"
              labelText="Role"
              defaultValue={roles.some((r) => r.name === "member") ? "member" : roles[0]?.name}
              {...inviting.fieldProps("role")}
            >
              {roles.map((r) => (
                <SelectItem key={r.name} value={r.name} text={r.title} />
              ))}
            </Select>
            <Button type="submit" disabled={inviting.busy || roles.length === 0}>
              {inviting.busy ? "Inviting…" : "Invite"}
            </Button>
          </Stack>
        </form>
      )}
    </section>
  );
}
