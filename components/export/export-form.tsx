"use client";

import { Play } from "lucide-react";
import { useAssemblyRunsQuery } from "@/components/hooks/use-assembly-runs-query";
import { usePairsCountQuery } from "@/components/hooks/use-pairs-count-query";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ErrorNotice } from "@/components/ui/feedback";
import { Field, Input } from "@/components/ui/fields";
import { fmtInt } from "@/lib/client/format";
import { EXPORT_TYPES, PAIR_STATUSES, type PairStatus } from "@/lib/export/params";
import { FORMATS, STATUS_INFO, toggle, TYPE_INFO, type ExportFormState } from "./form-state";

const CHOICE = "cursor-pointer rounded-md border px-3 py-2 text-sm";
const CHOSEN = "border-indigo-500 bg-indigo-50/60 ring-1 ring-indigo-500 dark:bg-indigo-500/10";
const UNCHOSEN = "border-zinc-300 dark:border-zinc-700";

function StatusCount({ status }: { status: PairStatus }) {
  const { data } = usePairsCountQuery({ status });
  return <span className="tabular text-xs text-zinc-500">{data ? fmtInt(data.count) : "…"}</span>;
}

/** Format, selection and seed of a new export. Controlled: the panel owns the state and starts the job. */
export function ExportForm({ form, set, onStart, starting, error }: {
  form: ExportFormState; set: (patch: Partial<ExportFormState>) => void; onStart: () => void; starting: boolean; error: unknown;
}) {
  const risky = form.statuses.filter((s) => s !== "accepted");
  return (
    <Card>
      <CardHeader title="New export" description="Streamed to a file by a background job, with a manifest beside it. The same data and seed give the same bytes." />
      <div className="space-y-4 p-4">
        <fieldset>
          <legend className="mb-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">Format</legend>
          <div className="grid gap-2 md:grid-cols-3">
            {FORMATS.map((f) => (
              <label key={f.value} className={`${CHOICE} ${form.format === f.value ? CHOSEN : UNCHOSEN}`}>
                <input type="radio" name="format" value={f.value} checked={form.format === f.value} onChange={() => set({ format: f.value })} className="sr-only" />
                <span className="font-medium">{f.title}</span>
                <span className="mt-0.5 block text-xs text-zinc-500">{f.hint}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="grid gap-4 md:grid-cols-2">
          <fieldset>
            <legend className="mb-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">Review status</legend>
            <div className="space-y-1">
              {PAIR_STATUSES.map((s) => (
                <label key={s} className="flex items-center gap-2 text-sm" data-testid={`status-${s}`}>
                  <input type="checkbox" checked={form.statuses.includes(s)} onChange={(e) => set({ statuses: toggle(form.statuses, s, e.target.checked) })} />
                  <span>{STATUS_INFO[s].label}</span> <StatusCount status={s} />
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend className="mb-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">Types (none ticked = all)</legend>
            <div className="space-y-1">
              {EXPORT_TYPES.map((t) => (
                <label key={t} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" checked={form.types.includes(t)} onChange={(e) => set({ types: toggle(form.types, t, e.target.checked) })} />
                  <span>{TYPE_INFO[t]}</span>
                </label>
              ))}
            </div>
          </fieldset>
        </div>
        {risky.length > 0 && (
          <p role="note" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-900 dark:border-amber-900 dark:bg-amber-500/10 dark:text-amber-200">
            Includes {risky.map((s) => `${STATUS_INFO[s].label.toLowerCase()} (${STATUS_INFO[s].warn})`).join(", ")} pairs.
          </p>
        )}
        <ContextsChoice form={form} set={set} />
        <LayoutChoice form={form} set={set} />
        <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
          {!form.runId && <>
            <Field label="Seed" hint="the assembly seed (default 1, as in Contexts)"><Input value={form.seed} onChange={(e) => set({ seed: e.target.value })} aria-label="Seed" /></Field>
            <Field label="Min tokens"><Input type="number" min={1} value={form.minTokens} onChange={(e) => set({ minTokens: e.target.value })} aria-label="Min tokens" /></Field>
            <Field label="Max tokens"><Input type="number" min={1} value={form.maxTokens} onChange={(e) => set({ maxTokens: e.target.value })} aria-label="Max tokens" /></Field>
            <Field label="Short ratio"><Input type="number" min={0} max={1} step={0.01} value={form.shortRatio} onChange={(e) => set({ shortRatio: e.target.value })} aria-label="Short ratio" /></Field>
          </>}
          <Field label="Max example tokens" hint="longer rows are left out (counted)">
            <Input type="number" min={1} value={form.maxExampleTokens} placeholder="no limit" onChange={(e) => set({ maxExampleTokens: e.target.value })} aria-label="Max example tokens" />
          </Field>
          {form.layout === "jsonl" && <label className="flex items-center gap-2 self-center text-sm">
            <input type="checkbox" checked={form.gzip} onChange={(e) => set({ gzip: e.target.checked })} /> gzip (.jsonl.gz)
          </label>}
          {form.layout === "jsonl" && form.gzip && <Field label="Compression level" hint="1 fastest · 6 default · 9 smallest">
            <select className="h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm dark:border-zinc-700 dark:bg-zinc-900" value={form.compressionLevel}
              onChange={(e) => set({ compressionLevel: e.target.value })} aria-label="Compression level" data-testid="compression-level">
              {[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => <option key={n} value={n}>{n}</option>)}
            </select>
          </Field>}
          <label className="flex items-center gap-2 self-center text-sm" title="Keep only pairs that passed every model check that was run; the manifest counts the others by verdict">
            <input type="checkbox" checked={form.verified} onChange={(e) => set({ verified: e.target.checked })} /> Verified pairs only
          </label>
        </div>
        {error ? <ErrorNotice error={error} /> : null}
        <div className="flex items-center justify-end gap-3">
          {form.statuses.length === 0 && <span className="text-xs text-red-600">Tick at least one status.</span>}
          <Button onClick={onStart} disabled={starting || form.statuses.length === 0 || (!form.runId && !form.seed.trim())}>
            <Play size={14} aria-hidden /> {starting ? "Starting…" : "Start export"}
          </Button>
        </div>
      </div>
    </Card>
  );
}

/** One JSON Lines file, or a folder ready for `huggingface-cli upload` (splits by document, shards, card). */
function LayoutChoice({ form, set }: { form: ExportFormState; set: (patch: Partial<ExportFormState>) => void }) {
  const hf = form.layout === "hf";
  return (
    <fieldset>
      <legend className="mb-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">Layout</legend>
      <div className="grid gap-2 md:grid-cols-2">
        <label className={`${CHOICE} ${hf ? UNCHOSEN : CHOSEN}`}>
          <input type="radio" name="layout" value="jsonl" checked={!hf} onChange={() => set({ layout: "jsonl" })} className="sr-only" />
          <span className="font-medium">JSON Lines file</span>
          <span className="mt-0.5 block text-xs text-zinc-500">one .jsonl(.gz) file with its manifest</span>
        </label>
        <label className={`${CHOICE} ${hf ? CHOSEN : UNCHOSEN}`}>
          <input type="radio" name="layout" value="hf" checked={hf} onChange={() => set({ layout: "hf" })} className="sr-only" />
          <span className="font-medium">Hub dataset folder</span>
          <span className="mt-0.5 block text-xs text-zinc-500">Parquet shards per split (by document), dataset card, croissant.json, sha256 of every shard</span>
        </label>
      </div>
      {hf && (
        <div className="mt-2 grid grid-cols-2 gap-3">
          <Field label="Splits" hint="by document, fractions summing to 1">
            <Input value={form.split} onChange={(e) => set({ split: e.target.value })} aria-label="Splits" />
          </Field>
          <Field label="Split seed"><Input value={form.splitSeed} onChange={(e) => set({ splitSeed: e.target.value })} aria-label="Split seed" /></Field>
          <Field label="Shards">
            <select className="w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900" aria-label="Shard format"
              value={form.shardFormat} onChange={(e) => set({ shardFormat: e.target.value as "parquet" | "jsonl" })}>
              <option value="parquet">Parquet (snappy)</option>
              <option value="jsonl">JSON Lines (.jsonl.gz)</option>
            </select>
          </Field>
          <Field label="Licence" hint="empty: the corpora's">
            <Input value={form.license} placeholder="e.g. odc-by" onChange={(e) => set({ license: e.target.value })} aria-label="Licence" />
          </Field>
          {form.format === "chat" && (
            <label className="col-span-2 flex items-center gap-2 text-sm">
              <input type="checkbox" checked={form.promptCompletion} onChange={(e) => set({ promptCompletion: e.target.checked })} />
              <span>TRL prompt–completion rows (<span className="font-mono">prompt</span> / <span className="font-mono">completion</span> instead of <span className="font-mono">messages</span>)</span>
            </label>
          )}
        </div>
      )}
    </fieldset>
  );
}

/**
 * Where the contexts come from: a recipe (stored contexts are reused only when their recipe is equal, the rest are
 * assembled with it in one run) or exactly one assembly run, whose recipe and seed the export then takes.
 */
function ContextsChoice({ form, set }: { form: ExportFormState; set: (patch: Partial<ExportFormState>) => void }) {
  const runs = useAssemblyRunsQuery();
  const chosen = runs.data?.runs.find((r) => String(r.id) === form.runId);
  const p = (chosen?.params ?? {}) as { minTokens?: number; maxTokens?: number; shortRatio?: number };
  return (
    <fieldset>
      <legend className="mb-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">Contexts</legend>
      <div className="grid gap-2 md:grid-cols-2">
        <label className={`${CHOICE} ${form.runId ? UNCHOSEN : CHOSEN}`}>
          <input type="radio" name="contexts" checked={!form.runId} onChange={() => set({ runId: "" })} className="sr-only" />
          <span className="font-medium">By recipe</span>
          <span className="mt-0.5 block text-xs text-zinc-500">reuse contexts assembled with exactly these settings; assemble the rest with them</span>
        </label>
        <label className={`${CHOICE} ${form.runId ? CHOSEN : UNCHOSEN}`}>
          <input type="radio" name="contexts" checked={!!form.runId} onChange={() => set({ runId: String(runs.data?.runs[0]?.id ?? "") })}
            disabled={!runs.data?.runs.length} className="sr-only" />
          <span className="font-medium">One assembly run</span>
          <span className="mt-0.5 block text-xs text-zinc-500">exactly that run's contexts and recipe; pairs not in it are left out</span>
        </label>
      </div>
      {form.runId && (
        <select className="mt-2 w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900" aria-label="Assembly run"
          value={form.runId} onChange={(e) => set({ runId: e.target.value })}>
          {runs.data?.runs.map((r) => (
            <option key={r.id} value={r.id}>run #{r.id} · seed {r.seed} · {fmtInt(r.contexts)} contexts</option>
          ))}
        </select>
      )}
      {chosen && (
        <p className="mt-2 text-xs text-zinc-500" data-testid="run-recipe">
          Run #{chosen.id}: {fmtInt(p.minTokens ?? 0)}–{fmtInt(p.maxTokens ?? 0)} tokens · short ratio {p.shortRatio ?? "?"} · seed <span className="font-mono">{chosen.seed}</span>
        </p>
      )}
    </fieldset>
  );
}
