"use client";

import { useState } from "react";
import { CodeSnippet, InlineNotification, Modal } from "@/components/carbon";

/**
 * The only time the full key is on screen. A modal rather than a notification: Carbon notifications must not
 * hold interactive children (the copy button), and a click outside must not lose the key. Escape or the close
 * button before the key was copied only warns; doing it again, or Done, closes.
 */
export function NewApiKeyModal({ name, apiKey, onDone }: { name: string; apiKey: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const [warned, setWarned] = useState(false);
  return (
    <Modal
      open
      modalHeading="Copy your new API key"
      primaryButtonText="Done"
      onRequestSubmit={onDone}
      onRequestClose={() => (copied || warned ? onDone() : setWarned(true))}
      preventCloseOnClickOutside
    >
      <p>
        The key &ldquo;{name}&rdquo; is below. You will not see it again: copy it now and keep it where your scripts
        read secrets.
      </p>
      <CodeSnippet
        type="single"
        feedback="Copied"
        aria-label="Copy the API key"
        wrapText
        onClick={() => setCopied(true)}
      >
        {apiKey}
      </CodeSnippet>
      {warned && !copied && (
        <InlineNotification
          kind="warning"
          title="Not copied yet"
          subtitle="Closing now loses the key for good. Copy it first, or close again to leave without it."
          hideCloseButton
          lowContrast
          role="alert"
        />
      )}
    </Modal>
  );
}
