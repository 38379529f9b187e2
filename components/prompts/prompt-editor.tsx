"use client";

import { useEffect, useState } from "react";
import { usePromptActions } from "@/components/hooks/use-prompt-actions";
import { usePromptsQuery } from "@/components/hooks/use-prompts-query";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ErrorNotice, SkeletonRows } from "@/components/ui/feedback";
import { Field, Input, Select } from "@/components/ui/fields";
import type { PromptVersionRow } from "@/lib/prompts/schemas";
import { DryRunResults } from "./dry-run-results";

/**
 * Versions on the left (immutable, all readable); the editor starts from the selected one. Saving makes a new
 * version; a dry run tries the draft on five seeded segments first; "Generate" starts a job with a saved version.
 */
export function PromptEditor() {
  const q = usePromptsQuery();
  const { save, dryRun, generate } = usePromptActions();
  const [selected, setSelected] = useState<PromptVersionRow | null>(null);
  const [name, setName] = useState("");
  const [type, setType] = useState<"single" | "multi">("single");
  const [text, setText] = useState("");
  const [schema, setSchema] = useState("");
  const [count, setCount] = useState("20");
  const [message, setMessage] = useState<string | null>(null);
  const load = (v: PromptVersionRow) => {
    setSelected(v);
    setName(v.builtin ? `my-${v.type}` : v.name);
    setType(v.type === "multi" ? "multi" : "single");
    setText(v.text);
    setSchema(JSON.stringify(v.outputSchema, null, 2));
    setMessage(null);
  };
  useEffect(() => { if (!selected && q.data?.items[0]) load(q.data.items[0]); }, [q.data, selected]);
  if (q.error) return <ErrorNotice error={q.error} />;
  if (!q.data) return <Card><SkeletonRows rows={6} /></Card>;
  let parsedSchema: { name: string; schema: Record<string, unknown> } | undefined;
  let schemaError: string | null = null;
  try { parsedSchema = schema.trim() ? JSON.parse(schema) : undefined; } catch (err) { schemaError = (err as Error).message; }
  const dirty = !!selected && (text !== selected.text || schema !== JSON.stringify(selected.outputSchema, null, 2) || (!selected.builtin && name !== selected.name));
  const body = { name, type, text, outputSchema: parsedSchema };
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,2.4fr)]">
      <Card className="self-start">
        <CardHeader title="Versions" description="Immutable: an edit is saved as a new version; pairs name the version they were written with." />
        <ul className="max-h-[32rem] divide-y divide-zinc-100 overflow-auto dark:divide-zinc-800" aria-label="Prompt versions">
          {q.data.items.map((v) => (
            <li key={`${v.version}|${v.type}`}>
              <button type="button" onClick={() => load(v)} aria-current={selected?.version === v.version && selected.type === v.type ? "true" : undefined}
                className={`block w-full px-4 py-2 text-left text-sm hover:bg-zinc-50 dark:hover:bg-zinc-800 ${selected?.version === v.version && selected.type === v.type ? "bg-indigo-50 dark:bg-indigo-500/10" : ""}`}>
                <span className="block font-mono text-xs">{v.version}</span>
                <span className="text-xs text-zinc-500">{v.type}{v.builtin ? " · built-in" : ` · ${v.author ?? "CLI"} · ${new Date(v.createdAt!).toLocaleString()}`}</span>
              </button>
            </li>
          ))}
        </ul>
      </Card>
      <Card>
        <CardHeader title={selected ? `Editing from ${selected.version}` : "Editor"} description="The system prompt sent with every item; the segment (or the numbered pieces) follow as the user message." />
        <form className="space-y-3 p-4" aria-label="Prompt editor" onSubmit={(e) => { e.preventDefault(); save.mutate(body, {
          onSuccess: (v) => { setMessage(v.created ? `Saved as ${v.version}.` : `Unchanged: that text is already version ${v.version}.`); setSelected(v); },
          onError: (err) => setMessage(err.message),
        }); }}>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label="Name"><Input value={name} onChange={(e) => setName(e.target.value.toLowerCase())} aria-label="Prompt name" /></Field>
            <Field label="Type"><Select value={type} onChange={(e) => setType(e.target.value as "single" | "multi")}><option value="single">single segment</option><option value="multi">multi-piece</option></Select></Field>
          </div>
          <Field label="System prompt"><textarea value={text} onChange={(e) => setText(e.target.value)} rows={14} aria-label="Prompt text"
            className="w-full rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 font-mono text-xs shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/20 dark:border-zinc-700 dark:bg-zinc-900" /></Field>
          <details><summary className="cursor-pointer text-xs font-medium text-zinc-600">Output schema (JSON)</summary>
            <textarea value={schema} onChange={(e) => setSchema(e.target.value)} rows={10} aria-label="Output schema"
              className="mt-1 w-full rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900" />
            {schemaError && <p role="alert" className="text-xs text-red-600">Not valid JSON: {schemaError}</p>}
          </details>
          <div className="flex flex-wrap items-center gap-2">
            <Button type="submit" disabled={save.isPending || !!schemaError || !dirty}>Save as new version</Button>
            <Button variant="secondary" disabled={dryRun.isPending || !!schemaError} onClick={() => { setMessage(null); dryRun.mutate({ type, text, outputSchema: parsedSchema }, { onError: (err) => setMessage(err.message) }); }}>
              {dryRun.isPending ? "Trying on 5 segments…" : "Dry run on 5 segments"}</Button>
            {selected && !dirty && (
              <span className="flex items-center gap-1 text-sm">
                <Input className="w-20" type="number" min="1" value={count} onChange={(e) => setCount(e.target.value)} aria-label="Pairs to generate" />
                <Button variant="secondary" disabled={generate.isPending} onClick={() => generate.mutate({ type, count: Number(count), promptVersion: selected.version }, {
                  onSuccess: (r) => setMessage(`Generation job #${r.jobId} started with ${selected.version}; follow it on the Generate page.`),
                  onError: (err) => setMessage(err.message),
                })}>Generate with this version</Button>
              </span>
            )}
            {dirty && <span className="text-xs text-amber-700 dark:text-amber-400">Unsaved edit — save it as a new version to generate with it.</span>}
          </div>
          {message && <p role="status" className="text-sm text-zinc-700 dark:text-zinc-300">{message}</p>}
          {dryRun.data && <DryRunResults result={dryRun.data} />}
        </form>
      </Card>
    </div>
  );
}
