"use client";

import { useEffect, useRef } from "react";

/**
 * After a change that re-renders the page (a roll back, an activation), the button that caused it may be gone and
 * focus with it, to the page's start. When `key` changes and nothing holds focus, it moves to the element `id`.
 */
export function useFocusWhenLost(id: string, key: string) {
  const last = useRef(key);
  useEffect(() => {
    if (last.current === key) return;
    last.current = key;
    if (document.activeElement && document.activeElement !== document.body) return;
    document.getElementById(id)?.focus();
  }, [id, key]);
}
