import { useSyncExternalStore } from "react";

const never = () => () => {};
export const utcText = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

/**
 * A time in the reader's own zone and locale. The server cannot know either, so it renders UTC, hydration reads
 * the same text (no mismatch), and the browser's own wording follows at once.
 */
export function useLocalTime(iso: string, options?: Intl.DateTimeFormatOptions): string {
  return useSyncExternalStore(
    never,
    () => new Date(iso).toLocaleString(undefined, options),
    () => utcText(iso),
  );
}
