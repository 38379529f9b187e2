"use client";

import { CorpusSelect } from "@/components/corpora/corpus-select";
import { Field, Input, Select } from "@/components/ui/fields";
import type { GenerationOptions } from "@/lib/generate/options";
import type { FormState } from "./form-state";

const TYPES = [
  { value: "single", title: "Type 1 · fine-grained", hint: "one segment → one question about it" },
  { value: "multi", title: "Type 2 · integration", hint: "2–8 consecutive segments of a document as # Piece 1, 2, … → a question needing ≥2 pieces" },
] as const;

/** The generation settings. Controlled: the parent owns the state and derives the estimate from it. */
export function GenerateForm({ form, set, options, selection }: {
  form: FormState; set: (patch: Partial<FormState>) => void; options: GenerationOptions | undefined; selection: number[] | null;
}) {
  const openai = options?.providers.find((p) => p.name === "openai");
  const isOpenAi = form.provider === "openai";
  return (
    <div className="space-y-4 p-4">
      <fieldset>
        <legend className="mb-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">Question type</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {TYPES.map((t) => (
            <label key={t.value} className={`cursor-pointer rounded-md border px-3 py-2 text-sm ${form.type === t.value ? "border-indigo-500 bg-indigo-50/60 ring-1 ring-indigo-500 dark:bg-indigo-500/10" : "border-zinc-300 dark:border-zinc-700"}`}>
              <input type="radio" name="type" value={t.value} checked={form.type === t.value} onChange={() => set({ type: t.value })} className="sr-only" />
              <span className="font-medium">{t.title}</span>
              <span className="mt-0.5 block text-xs text-zinc-500">{t.hint}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {selection ? (
          <div className="col-span-2 text-sm"><span className="text-xs font-medium text-zinc-600 dark:text-zinc-400">Selection</span><p className="mt-1.5">{selection.length} chosen segments</p></div>
        ) : (
          <>
            <Field label="How many"><Input type="number" min={1} value={form.count} onChange={(e) => set({ count: e.target.value })} aria-label="How many" /></Field>
            <Field label="Seed"><Input type="number" value={form.seed} onChange={(e) => set({ seed: e.target.value })} aria-label="Seed" /></Field>
          </>
        )}
        <div className="col-span-2"><Field label="Corpus"><CorpusSelect value={form.corpusId} onChange={(v) => set({ corpusId: v })} /></Field></div>
      </div>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Field label="Provider">
          <Select value={form.provider} onChange={(e) => set({ provider: e.target.value as FormState["provider"] })} aria-label="Provider">
            <option value="openai" disabled={!openai?.available}>OpenAI{openai?.available ? "" : " (no key)"}</option>
            <option value="offline">Offline</option>
          </Select>
        </Field>
        <Field label="Model">
          <Input value={isOpenAi ? form.model : (options?.offlineModel ?? "")} placeholder={options?.defaultModel} disabled={!isOpenAi}
            onChange={(e) => set({ model: e.target.value })} list="generate-models" aria-label="Model" />
          <datalist id="generate-models">{Object.keys(options?.prices ?? {}).map((m) => <option key={m} value={m} />)}</datalist>
        </Field>
        <Field label="Mode">
          <Select value={isOpenAi ? form.mode : "online"} disabled={!isOpenAi} onChange={(e) => set({ mode: e.target.value as FormState["mode"] })} aria-label="Mode">
            <option value="online">Online</option>
            <option value="batch">Batch API (½ price, ≤24 h)</option>
          </Select>
        </Field>
        <Field label="Concurrency"><Input type="number" min={1} max={256} value={form.concurrency} onChange={(e) => set({ concurrency: e.target.value })} aria-label="Concurrency" /></Field>
        <Field label="Requests / min" hint="empty = no limit"><Input type="number" min={1} value={form.rpm} onChange={(e) => set({ rpm: e.target.value })} aria-label="Requests per minute" /></Field>
        <Field label="Budget (USD)" hint="the job stops before passing it"><Input type="number" min={0} step="0.01" value={form.budgetUsd} onChange={(e) => set({ budgetUsd: e.target.value })} aria-label="Budget in USD" /></Field>
      </div>
      <label className="flex items-center gap-2 text-sm"><input type="checkbox" checked={form.verifyAfter} onChange={(e) => set({ verifyAfter: e.target.checked })} aria-label="Verify after generating" />
        Verify after generating <span className="text-xs text-zinc-500">— closed-book, evidence-only and piece-ablation checks on the new pairs ({isOpenAi ? "same endpoint" : "offline reader, not an LLM"})</span></label>
      <p className="text-xs text-zinc-500">
        {isOpenAi ? openai?.note : options?.providers.find((p) => p.name === "offline")?.note}. Prompt version {options?.promptVersion ?? "…"}.
      </p>
    </div>
  );
}
