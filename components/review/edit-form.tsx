"use client";

import { Plus, X } from "lucide-react";
import { useState, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import type { PairChanges } from "@/lib/pairs/schemas";
import type { PairDetail } from "@/lib/pairs/types";
import { quoteStyle } from "./quote-style";

// field-sizing: content grows each box with its text (long questions and quotes are never clipped), up to 60% of the screen
const AREA = "w-full resize-y [field-sizing:content] min-h-[3.25rem] max-h-[60vh] rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm leading-relaxed shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/20 dark:border-zinc-700 dark:bg-zinc-900";

/** Only the fields that differ from the pair, so a save never rewrites what the reviewer did not touch. */
export function changesOf(pair: PairDetail, draft: { question: string; answer: string; support: string[] }): PairChanges {
  const out: PairChanges = {};
  const support = draft.support.map((s) => s.trim()).filter(Boolean);
  if (draft.question.trim() !== pair.question) out.question = draft.question.trim();
  if (draft.answer.trim() !== pair.answer) out.answer = draft.answer.trim();
  if (JSON.stringify(support) !== JSON.stringify(pair.support)) out.support = support;
  return out;
}

/**
 * Edit in place. Enter saves and Esc cancels from any field (Shift+Enter is a line break); while a field has
 * focus the review shortcuts are off, so typing "a" or "x" is just typing.
 */
export function EditForm({ pair, onSave, onCancel, saving }: {
  pair: PairDetail; saving: boolean; onCancel: () => void; onSave: (changes: PairChanges) => void;
}) {
  const [draft, setDraft] = useState({ question: pair.question, answer: pair.answer, support: pair.support.length ? pair.support : [""] });
  const submit = () => onSave(changesOf(pair, draft));
  const keys = (e: KeyboardEvent) => {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) { e.preventDefault(); submit(); }
    else if (e.key === "Escape") { e.preventDefault(); onCancel(); }
  };
  const setQuote = (i: number, v: string) => setDraft((d) => ({ ...d, support: d.support.map((s, k) => (k === i ? v : s)) }));
  return (
    <form aria-label="Edit pair" className="space-y-3" onSubmit={(e) => { e.preventDefault(); submit(); }} onKeyDown={keys}>
      <label className="block">
        <span className="mb-1 block text-[11px] font-medium uppercase tracking-wide text-zinc-500">Question</span>
        <textarea autoFocus aria-label="Question" rows={2} className={AREA} value={draft.question} onChange={(e) => setDraft({ ...draft, question: e.target.value })} />
      </label>
      <label className="block">
        <span className="mb-1 block text-[11px] font-medium uppercase tracking-wide text-zinc-500">Answer</span>
        <textarea aria-label="Answer" rows={3} className={AREA} value={draft.answer} onChange={(e) => setDraft({ ...draft, answer: e.target.value })} />
      </label>
      <fieldset className="space-y-1.5">
        <legend className="mb-1 text-[11px] font-medium uppercase tracking-wide text-zinc-500">Support quotes (verbatim from the evidence)</legend>
        {draft.support.map((q, i) => (
          <div key={i} className="flex items-start gap-2">
            <span className={`mt-2 h-4 min-w-4 rounded-sm px-1 text-center font-mono text-[10px] font-semibold leading-4 underline decoration-2 ${quoteStyle(i)}`}>{i + 1}</span>
            <textarea aria-label={`Support quote ${i + 1}`} rows={2} className={AREA} value={q} onChange={(e) => setQuote(i, e.target.value)} />
            <button type="button" aria-label={`Remove quote ${i + 1}`} className="mt-1.5 rounded p-1 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700 dark:hover:bg-zinc-800"
              onClick={() => setDraft((d) => ({ ...d, support: d.support.filter((_, k) => k !== i) }))}><X size={14} /></button>
          </div>
        ))}
        <Button variant="ghost" className="!px-2 !py-1 text-xs" onClick={() => setDraft((d) => ({ ...d, support: [...d.support, ""] }))}><Plus size={13} /> Add quote</Button>
      </fieldset>
      <div className="flex items-center gap-2 pt-1">
        <Button type="submit" disabled={saving}>{saving ? "Saving…" : "Save"} <kbd className="!border-indigo-400 !bg-indigo-500 !text-white">Enter</kbd></Button>
        <Button variant="secondary" onClick={onCancel}>Cancel <kbd>Esc</kbd></Button>
        <span className="ml-auto text-xs text-zinc-500">Shift+Enter for a new line · the original stays on record</span>
      </div>
    </form>
  );
}
