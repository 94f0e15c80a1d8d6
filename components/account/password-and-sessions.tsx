"use client";

import { Button, InlineNotification, Modal, PasswordInput, Stack } from "@/components/carbon";
import { useRef, useState } from "react";
import { changePasswordAction, signOutEverywhereAction } from "@/app/actions/account";
import { useToast } from "@/components/ui/toasts";
import { NewPasswordFields, repeatRefusal } from "@/components/account/new-password-fields";
import { failureText, useActionMutation } from "@/components/ui/use-action-mutation";

// Forms submit through onSubmit, not `action`: React resets a form after an action, which would wipe what
// the person typed whenever the server refuses it.

export function PasswordAndSessions({ email }: { email: string }) {
  const toast = useToast();
  const form = useRef<HTMLFormElement>(null);
  const [confirming, setConfirming] = useState(false);
  const changing = useActionMutation(
    async (data: FormData) =>
      repeatRefusal(data, "newPassword") ??
      changePasswordAction({ currentPassword: data.get("currentPassword"), newPassword: data.get("newPassword") }),
  );
  const signingOut = useActionMutation(signOutEverywhereAction);
  const pending = changing.busy || signingOut.busy;
  const refusal =
    changing.failure && !changing.failure.fieldErrors.length ? changing.failure : (signingOut.failure ?? null);

  const change = async (data: FormData) => {
    const r = await changing.run(data);
    if (!r.ok) return;
    form.current?.reset();
    toast({ kind: "success", title: "Password changed", subtitle: "Your other sessions were signed out." });
  };

  // On success the server redirects to the sign-in page.
  const signOut = async () => {
    await signingOut.run();
    setConfirming(false);
  };

  return (
    <Stack gap={8}>
      <section aria-labelledby="password-title">
        <h2 id="password-title">Change your password</h2>
        <form
          ref={form}
          onSubmit={(e) => {
            e.preventDefault();
            void change(new FormData(e.currentTarget));
          }}
          noValidate
          className="inline-form"
        >
          <Stack gap={5}>
            {refusal && (
              <InlineNotification
                kind="error"
                title="Not changed"
                subtitle={failureText(refusal)}
                hideCloseButton
                role="alert"
              />
            )}
            <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
            <PasswordInput
              id="current-password"
              name="currentPassword"
              labelText="Current password"
              autoComplete="current-password"
              {...changing.fieldProps("currentPassword")}
            />
            <NewPasswordFields
              ids={["new-password", "confirm-password"]}
              name="newPassword"
              labels={["New password", "Repeat the new password"]}
              helperText="At least 12 characters. Every other session of yours ends."
              fieldProps={changing.fieldProps}
            />
            <Button type="submit" disabled={pending}>
              {pending ? "Changing…" : "Change password"}
            </Button>
          </Stack>
        </form>
      </section>
      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title">Sessions</h2>
        <p>Signed in on a computer you no longer use? End every session, this one included.</p>
        <Button kind="danger--tertiary" onClick={() => setConfirming(true)}>
          Sign out everywhere
        </Button>
      </section>
      {confirming && (
        <Modal
          open
          danger
          modalHeading="Sign out everywhere?"
          primaryButtonText={pending ? "Signing out…" : "Sign out everywhere"}
          primaryButtonDisabled={pending}
          secondaryButtonText="Cancel"
          onRequestClose={() => setConfirming(false)}
          onRequestSubmit={() => void signOut()}
        >
          <p>Every browser signed in as you, this one included, will have to sign in again. API keys keep working.</p>
        </Modal>
      )}
    </Stack>
  );
}
