"use client";

import { useEffect, useRef } from "react";

export type ReviewAction = "accept" | "reject" | "skip" | "undo" | "edit" | "flag" | "help" | "close" | "guidelines";

/** The single-key shortcuts of the focus view; `?` also lists them. */
export const REVIEW_KEYS: { keys: string[]; action: ReviewAction; label: string }[] = [
  { keys: ["a"], action: "accept", label: "Accept" },
  { keys: ["x"], action: "reject", label: "Reject" },
  { keys: ["Space"], action: "skip", label: "Skip" },
  { keys: ["u", "⌫"], action: "undo", label: "Undo" },
  { keys: ["e"], action: "edit", label: "Edit" },
  { keys: ["f"], action: "flag", label: "Flag" },
  { keys: ["g"], action: "guidelines", label: "Guidelines" },
  { keys: ["?"], action: "help", label: "Keys" },
];

const MAP: Record<string, ReviewAction> = {
  a: "accept", x: "reject", " ": "skip", u: "undo", Backspace: "undo", e: "edit", f: "flag", g: "guidelines", "?": "help", Escape: "close",
};

/** True when the key belongs to a text field (or a control that uses keys itself), never to a shortcut. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest("input, textarea, select, [contenteditable='true']") !== null;
}

/**
 * Window-level shortcuts that never fire while typing in a field, with modifier keys held (browser and OS
 * shortcuts stay theirs) or on auto-repeat (a held key must not accept ten pairs).
 */
export function useReviewKeys(onAction: (action: ReviewAction) => void, enabled = true) {
  const handler = useRef(onAction);
  handler.current = onAction;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat || typing(e.target)) return;
      const action = MAP[e.key];
      if (!action) return;
      e.preventDefault();
      handler.current(action);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [enabled]);
}
