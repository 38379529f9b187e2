"use client";

import { Check, X } from "lucide-react";
import { useSyncExternalStore } from "react";

interface Toast { id: number; text: string }

// A module-level store: showing a toast re-renders only the toaster, never the page that called it (the review
// keys stay as fast as before).
let toasts: Toast[] = [];
let seq = 0;
const listeners = new Set<() => void>();
const emit = () => { for (const l of listeners) l(); };
const TTL_MS = 3500;
const MAX = 3;

/** A short, unobtrusive confirmation ("Accepted pair #12"), read out by screen readers. */
export function toast(text: string): void {
  const id = ++seq;
  toasts = [...toasts, { id, text }].slice(-MAX);
  emit();
  setTimeout(() => dismiss(id), TTL_MS);
}

function dismiss(id: number) {
  if (!toasts.some((t) => t.id === id)) return;
  toasts = toasts.filter((t) => t.id !== id);
  emit();
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => { listeners.delete(l); };
}

const EMPTY: Toast[] = [];

/** The toast region, once per page, bottom right: polite live region, so it never interrupts. */
export function Toaster() {
  const list = useSyncExternalStore(subscribe, () => toasts, () => EMPTY);
  return (
    <div role="status" aria-live="polite" aria-label="Notifications" data-testid="toasts"
      className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-[min(22rem,calc(100vw-2rem))] flex-col items-end gap-2">
      {list.map((t) => (
        <div key={t.id} className="pointer-events-auto flex items-center gap-2 rounded-md border border-zinc-200 bg-white/95 px-3 py-1.5 text-sm text-zinc-700 shadow-md backdrop-blur dark:border-zinc-700 dark:bg-zinc-900/95 dark:text-zinc-200">
          <Check size={14} className="shrink-0 text-emerald-600" aria-hidden />
          <span className="flex-1">{t.text}</span>
          <button type="button" aria-label="Dismiss notification" onClick={() => dismiss(t.id)} className="rounded p-0.5 opacity-50 hover:opacity-100"><X size={12} aria-hidden /></button>
        </div>
      ))}
    </div>
  );
}
