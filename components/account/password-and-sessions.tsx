"use client";

import { Button, InlineNotification, Modal, PasswordInput, Stack } from "@/components/carbon";
import { useRef, useState, useTransition } from "react";
import { changePasswordAction, signOutEverywhereAction } from "@/app/actions/account";
import { useToast } from "@/components/ui/toasts";
import type { FieldError } from "@/lib/errors";

// Forms submit through onSubmit, not `action`: React resets a form after an action, which would wipe what
// the person typed whenever the server refuses it.
const errorFor = (errors: FieldError[], field: string) => errors.find((e) => e.field === field)?.message;

export function PasswordAndSessions({ email }: { email: string }) {
  const toast = useToast();
  const form = useRef<HTMLFormElement>(null);
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const change = (data: FormData) =>
    startTransition(async () => {
      if (data.get("newPassword") !== data.get("confirm")) {
        return setErrors([{ field: "confirm", message: "The two passwords differ" }]);
      }
      const r = await changePasswordAction({
        currentPassword: data.get("currentPassword"),
        newPassword: data.get("newPassword"),
      });
      setErrors(r.ok ? [] : r.fieldErrors);
      setMessage(r.ok || r.fieldErrors.length ? null : r.message);
      if (r.ok) {
        form.current?.reset();
        toast({ kind: "success", title: "Password changed", subtitle: "Your other sessions were signed out." });
      }
    });

  return (
    <Stack gap={8}>
      <section aria-labelledby="password-title">
        <h2 id="password-title">Change your password</h2>
        <form
          ref={form}
          onSubmit={(e) => {
            e.preventDefault();
            change(new FormData(e.currentTarget));
          }}
          noValidate
          className="inline-form"
        >
          <Stack gap={5}>
            {message && (
              <InlineNotification kind="error" title="Not changed" subtitle={message} hideCloseButton role="alert" />
            )}
            <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
            <PasswordInput
              id="current-password"
              name="currentPassword"
              labelText="Current password"
              autoComplete="current-password"
              invalid={!!errorFor(errors, "currentPassword")}
              invalidText={errorFor(errors, "currentPassword")}
            />
            <PasswordInput
              id="new-password"
              name="newPassword"
              labelText="New password"
              helperText="At least 12 characters. Every other session of yours ends."
              autoComplete="new-password"
              invalid={!!errorFor(errors, "newPassword")}
              invalidText={errorFor(errors, "newPassword")}
            />
            <PasswordInput
              id="confirm-password"
              name="confirm"
              labelText="Repeat the new password"
              autoComplete="new-password"
              invalid={!!errorFor(errors, "confirm")}
              invalidText={errorFor(errors, "confirm")}
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
          onRequestSubmit={() =>
            startTransition(async () => {
              const r = await signOutEverywhereAction();
              if (!r.ok) setMessage(r.message);
              setConfirming(false);
            })
          }
        >
          <p>Every browser signed in as you, this one included, will have to sign in again. API keys keep working.</p>
        </Modal>
      )}
    </Stack>
  );
}
