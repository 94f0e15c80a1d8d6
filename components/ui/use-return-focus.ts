"use client";

import { useEffect, useRef } from "react";

/**
 * Puts keyboard focus back after a dialog unmounts or a control was disabled while it worked (both drop focus to the
 * page's start). `returnFocus(find)` is called with the state change that closes or re-enables; `find` runs after the
 * next render in which `ready` is true, when the control it looks up is in the page and enabled again.
 */
export function useReturnFocus(ready = true) {
  const target = useRef<(() => HTMLElement | null | undefined) | null>(null);
  useEffect(() => {
    if (!ready || !target.current) return;
    const find = target.current;
    target.current = null;
    find()?.focus();
  });
  return (find: () => HTMLElement | null | undefined) => {
    target.current = find;
  };
}
