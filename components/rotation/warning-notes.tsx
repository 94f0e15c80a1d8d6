import { InlineNotification } from "@/components/carbon";
import styles from "./rotation.module.scss";

/** A diff's warnings, each titled in words with the code beside it, since the confirmation names the code. */
export function WarningNotes<C extends string>({
  warnings,
  titles,
}: {
  warnings: { code: C; message: string }[];
  titles: Record<C, string>;
}) {
  if (warnings.length === 0) return null;
  return (
    <div className={styles.warnings}>
      {warnings.map((w) => (
        <InlineNotification
          key={w.code}
          kind="warning"
          lowContrast
          hideCloseButton
          title={`${titles[w.code]} (${w.code})`}
          subtitle={w.message}
        />
      ))}
    </div>
  );
}
