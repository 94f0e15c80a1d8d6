"use client";

import { Button, InlineLoading, InlineNotification, Stack } from "@/components/carbon";
import { testEmailAction } from "@/app/actions/notifications";
import { useToast } from "@/components/ui/toasts";
import { failureText, useActionMutation } from "@/components/ui/use-action-mutation";

/** The e-mail channel: whether the server can send mail at all, and a test message to the digest's recipients. */
export function EmailChannel({ org, smtpConfigured }: { org: string; smtpConfigured: boolean }) {
  const toast = useToast();
  const testing = useActionMutation(testEmailAction);

  const test = async () => {
    const r = await testing.run(org);
    if (r.ok) toast({ kind: r.data.ok ? "success" : "error", title: "Test e-mail", subtitle: r.data.message });
    else toast({ kind: "error", title: "Test e-mail not sent", subtitle: failureText(r) });
  };

  if (!smtpConfigured)
    return (
      <InlineNotification
        kind="warning"
        lowContrast
        hideCloseButton
        title="E-mail is not configured"
        subtitle="This server has no SMTP_URL, so no e-mail digest is sent. Ask the operator to set SMTP_URL and SMTP_FROM; webhooks work without it."
      />
    );
  return (
    <Stack gap={4}>
      <p>
        E-mail is configured: one digest per run lists every certificate that crossed a threshold, sent to the owners
        and administrators and the extra addresses.
      </p>
      <div>
        {testing.busy ? (
          <InlineLoading description="Sending test e-mail…" />
        ) : (
          <Button kind="tertiary" size="sm" onClick={() => void test()}>
            Send test e-mail
          </Button>
        )}
      </div>
    </Stack>
  );
}
