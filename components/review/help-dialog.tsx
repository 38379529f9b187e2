"use client";

import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";

const ROWS: [string[], string][] = [
  [["a"], "Accept the pair and move to the next"],
  [["x"], "Reject the pair"],
  [["f"], "Flag the pair for a second look"],
  [["Space"], "Skip: leave it pending, show the next"],
  [["u", "Backspace"], "Undo the last action (up to 10, newest first)"],
  [["e"], "Edit question, answer and quotes in place"],
  [["g"], "Show the review guidelines (the version in force is recorded with each decision)"],
  [["Enter"], "While editing: save (Shift+Enter = new line)"],
  [["Esc"], "While editing: cancel · otherwise close this help"],
  [["?"], "Show or hide this help"],
];

/** The `?` overlay: every key of the focus view. Shortcuts are off while a text field has focus. */
export function HelpDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => { ref.current?.showModal(); }, []);
  return (
    <dialog ref={ref} aria-label="Keyboard shortcuts" onClose={onClose} onCancel={onClose}
      className="m-auto w-[28rem] max-w-[92vw] rounded-lg border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-zinc-950/30 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100">
      <div className="border-b border-zinc-100 px-4 py-3 text-sm font-semibold dark:border-zinc-800">Keyboard shortcuts</div>
      <table className="w-full text-sm">
        <tbody>
          {ROWS.map(([keys, what]) => (
            <tr key={what} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800">
              <td className="w-32 px-4 py-1.5">{keys.map((k) => <kbd key={k} className="mr-1">{k}</kbd>)}</td>
              <td className="px-2 py-1.5 text-zinc-600 dark:text-zinc-300">{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="flex justify-between px-4 py-3 text-xs text-zinc-500">
        <span>Keys never fire while you type in a field.</span>
        <Button variant="secondary" onClick={onClose}>Close</Button>
      </div>
    </dialog>
  );
}
