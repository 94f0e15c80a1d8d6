"use client";

import { Button, InlineLoading, InlineNotification, RadioButton, RadioButtonGroup, Stack } from "@/components/carbon";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { activateRotationAction, cancelActivationAction } from "@/app/actions/keystore-rotation";
import { useToast } from "@/components/ui/toasts";
import { useLocalTime, utcText } from "@/components/ui/use-local-time";
import { failureText, useActionMutation } from "@/components/ui/use-action-mutation";
import { queryKeys } from "@/lib/query-keys";
import type { PendingMaterialDto } from "@/lib/tls/rotation-dto";
import { ConfirmWarnings } from "./confirm-warnings";
import { DiscardPending } from "./discard-pending";
import { ScheduleFields, scheduledInstant } from "./schedule-fields";
import styles from "./rotation.module.scss";

interface Props {
  org: string;
  keystore: string;
  pending: PendingMaterialDto;
}

const SHORT: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" };

/** The reader's own time, with UTC beside it for those agreeing a swap across zones. */
function useWhen(iso: string): string {
  const local = useLocalTime(iso, SHORT);
  return local === utcText(iso) ? local : `${local} (${utcText(iso)})`;
}

/**
 * Activate the pending material now or at a chosen time, after confirming its warnings by code; or cancel the
 * scheduled swap; or discard the pending material.
 */
export function PendingActivation({ org, keystore, pending }: Props) {
  const router = useRouter();
  const toast = useToast();
  const scheduledAt = useWhen(pending.activate_at ?? pending.created_at);
  const refusedAt = useWhen(pending.refused?.at ?? pending.created_at);
  const codes = pending.diff?.warnings.map((w) => w.code) ?? [];
  const [understood, setUnderstood] = useState(false);
  const [mode, setMode] = useState<"now" | "later">("now");
  const [slot, setSlot] = useState({ date: "", time: "" });
  const invalidate = { invalidate: [queryKeys.keystores(org)] };
  const activating = useActionMutation(activateRotationAction, invalidate);
  const cancelling = useActionMutation(cancelActivationAction, invalidate);
  const [localError, setLocalError] = useState<string | null>(null);

  const activate = async () => {
    setLocalError(null);
    const at = mode === "later" ? scheduledInstant(slot.date, slot.time) : null;
    if (mode === "later" && !at) {
      setLocalError("Choose a day and a time (hh:mm)");
      return;
    }
    const result = await activating.run(org, keystore, {
      ...(at ? { at: at.toISOString() } : {}),
      confirm: understood ? codes : [],
    });
    if (!result.ok) return;
    toast({
      kind: "success",
      title: result.data.activated ? "Activated: profiles now use the new material" : "Activation scheduled",
      subtitle: keystore,
    });
    router.refresh();
  };

  if (pending.state === "scheduled")
    return (
      <Stack gap={5}>
        <div id="activation-scheduled" tabIndex={-1}>
          <InlineNotification
            kind="info"
            lowContrast
            hideCloseButton
            title="Activation scheduled"
            subtitle={`The swap runs at ${scheduledAt}, scheduled by ${pending.scheduled_by}${
              pending.confirmed_warnings.length ? `; warnings confirmed: ${pending.confirmed_warnings.join(", ")}` : ""
            }.`}
          />
        </div>
        {cancelling.failure && (
          <InlineNotification
            kind="error"
            title="Not cancelled"
            subtitle={failureText(cancelling.failure)}
            hideCloseButton
            role="alert"
          />
        )}
        <div className={styles.actions}>
          <Button
            kind="secondary"
            disabled={cancelling.busy}
            onClick={async () => {
              const result = await cancelling.run(org, keystore);
              if (result.ok) {
                toast({ kind: "success", title: "Scheduled activation cancelled", subtitle: keystore });
                router.refresh();
              }
            }}
          >
            Cancel scheduled activation
          </Button>
        </div>
      </Stack>
    );

  const atError = localError ?? activating.fieldError("at");
  const banner =
    activating.failure && !activating.fieldError("confirm") && !activating.fieldError("at")
      ? failureText(activating.failure)
      : null;
  return (
    <Stack gap={5}>
      {pending.refused && (
        <InlineNotification
          kind="warning"
          lowContrast
          hideCloseButton
          title="Scheduled activation refused"
          subtitle={`At ${refusedAt} the swap was refused, so nothing was swapped and the schedule was taken off: ${pending.refused.reason} Discard it, or activate it again once the reason is gone.`}
        />
      )}
      {banner && (
        <InlineNotification kind="error" title="Nothing was swapped" subtitle={banner} hideCloseButton role="alert" />
      )}
      <ConfirmWarnings
        id="confirm-warnings"
        codes={codes}
        checked={understood}
        onChange={setUnderstood}
        error={activating.fieldError("confirm")}
      />
      <RadioButtonGroup
        legendText="When"
        name="activate-when"
        valueSelected={mode}
        onChange={(v) => setMode(v as "now" | "later")}
        orientation="horizontal"
      >
        <RadioButton id="activate-now" labelText="Now" value="now" />
        <RadioButton id="activate-later" labelText="At a time" value="later" />
      </RadioButtonGroup>
      {mode === "later" && (
        <ScheduleFields date={slot.date} time={slot.time} onChange={setSlot} error={atError ?? undefined} />
      )}
      {activating.busy && <InlineLoading description={mode === "now" ? "Swapping the material…" : "Scheduling…"} />}
      <div className={styles.actions}>
        <Button disabled={activating.busy || (codes.length > 0 && !understood)} onClick={() => void activate()}>
          {mode === "now" ? "Activate now" : "Schedule activation"}
        </Button>
        <DiscardPending org={org} keystore={keystore} pending={pending} />
      </div>
    </Stack>
  );
}
