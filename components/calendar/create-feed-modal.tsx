"use client";

import { useState } from "react";
import { InlineLoading, Modal, TextInput } from "@/components/carbon";
import { createCalendarFeedAction } from "@/app/actions/calendar-feeds";
import { failureText, useActionMutation } from "@/components/ui/use-action-mutation";

/** Asks for a name; the created feed's one-time URL goes to `onCreated` and nowhere else. */
export function CreateFeedModal({
  org,
  onCreated,
  onClose,
}: {
  org: string;
  onCreated: (created: { name: string; url: string }) => void;
  onClose: () => void;
}) {
  const [name, setName] = useState("");
  const creation = useActionMutation(createCalendarFeedAction);
  const create = async () => {
    const r = await creation.run(org, { name });
    if (r.ok) onCreated({ name: r.data.feed.name, url: r.data.subscription_url });
  };
  const nameError = creation.fieldError("name");
  const otherFailure = creation.failure && !nameError ? failureText(creation.failure) : undefined;
  const invalid = !!nameError || !!otherFailure;
  return (
    <Modal
      open
      modalHeading="Create a calendar feed"
      primaryButtonText="Create feed"
      primaryButtonDisabled={creation.busy}
      secondaryButtonText="Cancel"
      onRequestClose={onClose}
      onRequestSubmit={() => void create()}
    >
      <form
        aria-label="New calendar feed"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <TextInput
          id="feed-name"
          labelText="Feed name"
          // While invalid, Carbon hides the helper text but keeps aria-describedby on it, and its aria-errormessage
          // alone is not announced: describe the field by the error message instead.
          helperText={invalid ? undefined : "Who subscribes, e.g. the platform team's calendar"}
          aria-describedby={invalid ? "feed-name-error-msg" : undefined}
          value={name}
          onChange={(e) => setName(e.target.value)}
          invalid={invalid}
          invalidText={nameError ?? otherFailure}
          data-modal-primary-focus
        />
      </form>
      {creation.busy && <InlineLoading description="Creating feed…" />}
    </Modal>
  );
}
