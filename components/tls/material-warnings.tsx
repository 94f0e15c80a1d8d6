import { InlineNotification } from "@/components/carbon";
import type { MaterialWarning } from "@/lib/crypto/warnings";

/** Warnings that do not stop an upload: listed together so the user reads them before confirming. */
export function MaterialWarnings({ warnings }: { warnings: MaterialWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <InlineNotification
      kind="warning"
      className="material-warnings"
      lowContrast
      hideCloseButton
      title={warnings.length === 1 ? "1 warning" : `${warnings.length} warnings`}
    >
      <ul className="warning-list">
        {warnings.map((w) => (
          <li key={`${w.code}:${w.certificate}`}>{w.message}</li>
        ))}
      </ul>
    </InlineNotification>
  );
}
