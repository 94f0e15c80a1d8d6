"use client";

import { CodeSnippet, Modal } from "@/components/carbon";

/**
 * The only time the full key is on screen. A modal rather than a notification: Carbon notifications must not
 * hold interactive children (the copy button), and a click outside must not lose the key.
 */
export function NewApiKeyModal({ name, apiKey, onDone }: { name: string; apiKey: string; onDone: () => void }) {
  return (
    <Modal
      open
      modalHeading="Copy your new API key"
      primaryButtonText="Done"
      onRequestSubmit={onDone}
      onRequestClose={onDone}
      preventCloseOnClickOutside
    >
      <p>
        The key &ldquo;{name}&rdquo; is below. You will not see it again: copy it now and keep it where your scripts
        read secrets.
      </p>
      <CodeSnippet type="single" feedback="Copied" aria-label="Copy the API key" wrapText>
        {apiKey}
      </CodeSnippet>
    </Modal>
  );
}
