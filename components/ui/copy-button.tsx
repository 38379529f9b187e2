"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { toast } from "./toast";

/** Copies a value to the clipboard and says so (falls back to selecting it where the clipboard is blocked). */
export function CopyButton({ value, label = "Copy" }: { value: string; label?: string }) {
  const [done, setDone] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setDone(true);
      toast("Copied to the clipboard");
      setTimeout(() => setDone(false), 2000);
    } catch {
      toast("The browser blocked the clipboard: select the text and copy it by hand");
    }
  };
  return (
    <button type="button" onClick={() => void copy()} aria-label={label}
      className="inline-flex shrink-0 items-center gap-1 rounded-md border border-zinc-300 bg-white px-2 py-1 text-xs font-medium text-zinc-700 shadow-sm hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200">
      {done ? <Check size={12} aria-hidden /> : <Copy size={12} aria-hidden />}{done ? "Copied" : "Copy"}
    </button>
  );
}
