"use client";

import { Button, InlineNotification, PasswordInput, Stack, TextInput } from "@/components/carbon";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { acceptAsNewAccountAction, acceptInvitationAction } from "@/app/actions/invitations";
import type { FieldError } from "@/lib/errors";

// Forms submit through onSubmit, not `action`: React resets a form after an action, which would wipe what
// the person typed whenever the server refuses it.
const errorFor = (errors: FieldError[], field: string) => errors.find((e) => e.field === field)?.message;

/** A new person chooses their name and password; the server checks them (ZAcceptAsNewAccount). */
export function AcceptWithNewAccount({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState<string | null>(null);

  const submit = (form: FormData) =>
    startTransition(async () => {
      if (form.get("password") !== form.get("confirm")) {
        return setErrors([{ field: "confirm", message: "The two passwords differ" }]);
      }
      const r = await acceptAsNewAccountAction(token, { name: form.get("name"), password: form.get("password") });
      if (!r.ok) {
        setErrors(r.fieldErrors);
        return setMessage(r.fieldErrors.length ? null : r.message);
      }
      router.replace(`/orgs/${r.data.org}`);
      router.refresh();
    });

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit(new FormData(e.currentTarget));
      }}
      noValidate
    >
      <Stack gap={6}>
        {message && (
          <InlineNotification kind="error" title="Not accepted" subtitle={message} hideCloseButton role="alert" />
        )}
        <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
        <TextInput
          id="invite-name"
          name="name"
          labelText="Your name"
          autoComplete="name"
          invalid={!!errorFor(errors, "name")}
          invalidText={errorFor(errors, "name")}
        />
        <PasswordInput
          id="invite-password"
          name="password"
          labelText="Choose a password"
          helperText="At least 12 characters"
          autoComplete="new-password"
          invalid={!!errorFor(errors, "password")}
          invalidText={errorFor(errors, "password")}
        />
        <PasswordInput
          id="invite-confirm"
          name="confirm"
          labelText="Repeat the password"
          autoComplete="new-password"
          invalid={!!errorFor(errors, "confirm")}
          invalidText={errorFor(errors, "confirm")}
        />
        <Button type="submit" disabled={pending}>
          {pending ? "Creating your account…" : "Create account and join"}
        </Button>
      </Stack>
    </form>
  );
}

export function AcceptSignedIn({ token }: { token: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const accept = () =>
    startTransition(async () => {
      const r = await acceptInvitationAction(token);
      if (!r.ok) return setMessage(r.message);
      router.replace(`/orgs/${r.data.org}`);
      router.refresh();
    });
  return (
    <Stack gap={6}>
      {message && (
        <InlineNotification kind="error" title="Not accepted" subtitle={message} hideCloseButton role="alert" />
      )}
      <Button onClick={accept} disabled={pending}>
        {pending ? "Joining…" : "Accept invitation"}
      </Button>
    </Stack>
  );
}
