"use client";

import { Button, InlineNotification, Stack, TextInput } from "@/components/carbon";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { acceptAsNewAccountAction, acceptInvitationAction } from "@/app/actions/invitations";
import { NewPasswordFields, repeatRefusal } from "@/components/account/new-password-fields";
import { failureText, useActionMutation } from "@/components/ui/use-action-mutation";

// Forms submit through onSubmit, not `action`: React resets a form after an action, which would wipe what
// the person typed whenever the server refuses it.

/** Into the organization just joined; the transition keeps the button busy until its page is shown. */
function useEnterOrg() {
  const router = useRouter();
  const [entering, startTransition] = useTransition();
  const enter = (org: string) =>
    startTransition(() => {
      router.replace(`/orgs/${org}`);
      router.refresh();
    });
  return { entering, enter };
}

/** A new person chooses their name and password; the server checks them (ZAcceptAsNewAccount). */
export function AcceptWithNewAccount({ token, email }: { token: string; email: string }) {
  const { entering, enter } = useEnterOrg();
  const joining = useActionMutation(
    async (form: FormData) =>
      repeatRefusal(form, "password") ??
      acceptAsNewAccountAction(token, { name: form.get("name"), password: form.get("password") }),
  );
  const pending = joining.busy || entering;
  const message = joining.failure && !joining.failure.fieldErrors.length ? failureText(joining.failure) : null;

  const submit = async (form: FormData) => {
    const r = await joining.run(form);
    if (r.ok) enter(r.data.org);
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit(new FormData(e.currentTarget));
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
          {...joining.fieldProps("name")}
        />
        <NewPasswordFields
          ids={["invite-password", "invite-confirm"]}
          name="password"
          labels={["Choose a password", "Repeat the password"]}
          helperText="At least 12 characters"
          fieldProps={joining.fieldProps}
        />
        <Button type="submit" disabled={pending}>
          {pending ? "Creating your account…" : "Create account and join"}
        </Button>
      </Stack>
    </form>
  );
}

export function AcceptSignedIn({ token }: { token: string }) {
  const { entering, enter } = useEnterOrg();
  const accepting = useActionMutation(acceptInvitationAction);
  const pending = accepting.busy || entering;
  const message = accepting.failure && failureText(accepting.failure);
  const accept = async () => {
    const r = await accepting.run(token);
    if (r.ok) enter(r.data.org);
  };
  return (
    <Stack gap={6}>
      {message && (
        <InlineNotification kind="error" title="Not accepted" subtitle={message} hideCloseButton role="alert" />
      )}
      <Button onClick={() => void accept()} disabled={pending}>
        {pending ? "Joining…" : "Accept invitation"}
      </Button>
    </Stack>
  );
}
