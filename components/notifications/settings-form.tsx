"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useRef } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Button, InlineLoading, InlineNotification, Stack, TextArea, TextInput } from "@/components/carbon";
import { saveNotificationSettingsAction } from "@/app/actions/notifications";
import { useToast } from "@/components/ui/toasts";
import { describedByError } from "@/components/notifications/format";
import { failureText, useActionMutation } from "@/components/ui/use-action-mutation";
import { ZNotificationSettingsForm } from "@/lib/tls/notifications";

type FormInput = z.input<typeof ZNotificationSettingsForm>;
type FormOutput = z.output<typeof ZNotificationSettingsForm>;

/** Thresholds and extra addresses, written as lists; each field's problem is shown at that field. */
export function SettingsForm({
  org,
  thresholds,
  extraEmails,
}: {
  org: string;
  thresholds: number[];
  extraEmails: string[];
}) {
  const toast = useToast();
  const saving = useActionMutation(saveNotificationSettingsAction);
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(ZNotificationSettingsForm),
    defaultValues: { thresholds: thresholds.join(", "), extra_emails: extraEmails.join("\n") },
  });
  const { register, handleSubmit, formState, setError, reset } = form;
  // Carbon's TextArea drops any aria-describedby while invalid and points only aria-errormessage at its error, which
  // many screen readers ignore: describe the field by the error once Carbon has rendered it.
  const emailsError = formState.errors.extra_emails?.message;
  const emails = useRef<HTMLTextAreaElement | null>(null);
  const { ref: registerEmails, ...emailsField } = register("extra_emails");
  useEffect(() => {
    if (emailsError) emails.current?.setAttribute("aria-describedby", "extra_emails-error-msg");
  }, [emailsError]);

  const onSubmit = handleSubmit(async (values) => {
    const r = await saving.run(org, values);
    if (!r.ok) {
      // The server names list items ("thresholds.2"): the message belongs to the list's field.
      for (const fe of r.fieldErrors) {
        const field = fe.field.split(".")[0];
        if (field === "thresholds" || field === "extra_emails") setError(field, { message: fe.message });
      }
      return;
    }
    reset({ thresholds: r.data.thresholds.join(", "), extra_emails: r.data.extra_emails.join("\n") });
    toast({ kind: "success", title: "Notification settings saved" });
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Notification settings">
      <fieldset disabled={formState.isSubmitting} className="profile-form__fields">
        <Stack gap={6}>
          {saving.failure && !saving.failure.fieldErrors.length && (
            <InlineNotification
              kind="error"
              title="Not saved"
              subtitle={failureText(saving.failure)}
              role="alert"
              onClose={saving.dismiss}
            />
          )}
          <TextInput
            id="thresholds"
            labelText="Thresholds (days before expiry)"
            helperText="Comma-separated, e.g. 30, 7, 1, 0 — 0 means on the day it expires. Each certificate is notified once per threshold."
            invalid={!!formState.errors.thresholds}
            invalidText={formState.errors.thresholds?.message}
            {...describedByError("thresholds", !!formState.errors.thresholds)}
            {...register("thresholds")}
          />
          <TextArea
            id="extra_emails"
            labelText="Extra e-mail addresses"
            helperText="One per line. The organization's owners and administrators always receive the digest."
            rows={3}
            invalid={!!formState.errors.extra_emails}
            invalidText={emailsError}
            {...emailsField}
            ref={(el: HTMLTextAreaElement | null) => {
              registerEmails(el);
              emails.current = el;
            }}
          />
          <div>
            {formState.isSubmitting ? (
              <InlineLoading description="Saving…" />
            ) : (
              <Button type="submit">Save settings</Button>
            )}
          </div>
        </Stack>
      </fieldset>
    </form>
  );
}
