"use client";

import { useState } from "react";
import { CodeSnippet, InlineNotification, Modal } from "@/components/carbon";

/**
 * The only time a feed's URL is on screen, with the same care as a new API key (new-api-key-modal.tsx): a modal a
 * stray click cannot close, and Escape or the close button before the URL was copied only warns the first time.
 */
export function NewFeedUrlModal({ name, url, onDone }: { name: string; url: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const [warned, setWarned] = useState(false);
  return (
    <Modal
      open
      modalHeading="Copy the subscription URL"
      primaryButtonText="Done"
      onRequestSubmit={onDone}
      onRequestClose={() => (copied || warned ? onDone() : setWarned(true))}
      preventCloseOnClickOutside
    >
      <p>
        The feed &ldquo;{name}&rdquo; is at the URL below. You will not see it again: copy it now and add it to your
        calendar (&ldquo;subscribe from URL&rdquo; or &ldquo;add calendar from the web&rdquo;). Anyone with the URL can
        read the certificate expiries of this organization.
      </p>
      <CodeSnippet
        type="single"
        feedback="Copied"
        aria-label="Copy the subscription URL"
        wrapText
        onClick={() => setCopied(true)}
      >
        {url}
      </CodeSnippet>
      {warned && !copied && (
        <InlineNotification
          kind="warning"
          title="Not copied yet"
          subtitle="Closing now loses the URL for good. Copy it first, or close again to leave without it."
          hideCloseButton
          lowContrast
          role="alert"
        />
      )}
    </Modal>
  );
}
