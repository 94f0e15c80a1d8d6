"use client";

import { Button, InlineLoading } from "@/components/carbon";
import { runExpiryCheckAction } from "@/app/actions/notifications";
import { useToast } from "@/components/ui/toasts";
import { failureText, useActionMutation } from "@/components/ui/use-action-mutation";
import { queryKeys } from "@/lib/query-keys";

/** Runs the scheduled check now; what it queued is sent by the delivery loop within a minute (or at once). */
export function CheckNow({ org }: { org: string }) {
  const toast = useToast();
  const checking = useActionMutation(runExpiryCheckAction, { invalidate: [queryKeys.webhooks(org)] });
  const run = async () => {
    if (checking.busy) return;
    const r = await checking.run(org);
    if (!r.ok) return toast({ kind: "error", title: "Check failed", subtitle: failureText(r) });
    const n = r.data.queued.length;
    toast({
      kind: "info",
      title: "Expiry check done",
      subtitle: n
        ? `${n} notice${n === 1 ? "" : "s"} queued; they are sent now.`
        : "Nothing new: every crossed threshold was already notified.",
    });
  };
  // The button stays (not disabled, not swapped for the spinner) so keyboard focus stays on it while the check runs.
  return (
    <div className="busy-row">
      <Button kind="secondary" size="sm" aria-disabled={checking.busy} onClick={() => void run()}>
        Check now
      </Button>
      {checking.busy && <InlineLoading description="Checking certificates…" />}
    </div>
  );
}
