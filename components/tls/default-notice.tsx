import Link from "next/link";

/** Shown on protected defaults: why the form is read-only and the way to a customizable copy. */
export function DefaultNotice({ noun, duplicateHref }: { noun: string; duplicateHref?: string }) {
  return (
    <div className="default-notice" role="note">
      <p>
        <strong>Default {noun}.</strong> Created at installation; it cannot be edited or deleted.
      </p>
      {duplicateHref && (
        <Link className="cds--btn cds--btn--tertiary cds--btn--sm" href={duplicateHref}>
          Duplicate to customize
        </Link>
      )}
    </div>
  );
}
