"use client";

import { useState } from "react";
import { JobProgress } from "@/components/jobs/job-progress";
import { useJobQuery } from "@/components/hooks/use-job-query";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ErrorNotice } from "@/components/ui/feedback";
import { Field, Input, Select } from "@/components/ui/fields";
import type { AssemblyRequestInput } from "@/lib/contexts/schemas";
import { PAIR_STATUSES, PAIR_TYPES, type PairStatus, type PairType } from "@/lib/pairs/schemas";
import { useStartAssembly } from "@/components/hooks/use-start-assembly";

type Mode = "accepted" | "filter" | "ids";

function selection(mode: Mode, status: PairStatus | "", type: PairType | "", ids: string): AssemblyRequestInput["selection"] {
  if (mode === "accepted") return { filter: { status: "accepted" } };
  if (mode === "ids") return { pairIds: ids.split(/[\s,]+/).filter(Boolean).map(Number).filter((n) => Number.isInteger(n) && n > 0) };
  return { filter: { status: status || undefined, type: type || undefined } };
}

/** Starts an assemble job: which pairs, the length range, the short share and the seed; then follows the job. */
export function AssembleForm() {
  const [mode, setMode] = useState<Mode>("accepted");
  const [status, setStatus] = useState<PairStatus | "">("accepted");
  const [type, setType] = useState<PairType | "">("");
  const [ids, setIds] = useState("");
  const [min, setMin] = useState("4096");
  const [max, setMax] = useState("32768");
  const [ratio, setRatio] = useState("0.1");
  const [seed, setSeed] = useState("1");
  const [evalFile, setEvalFile] = useState<File | null>(null);
  const start = useStartAssembly();
  const job = useJobQuery(start.data?.jobId ?? null);
  const submit = () => start.mutate({
    body: { selection: selection(mode, status, type, ids), minTokens: Number(min), maxTokens: Number(max), shortRatio: Number(ratio), seed },
    evalFile,
  });
  return (
    <Card>
      <CardHeader title="Assemble contexts" description="Evidence shuffled among random fillers from other documents, lengths uniform in the range; documents overlapping VaL Probing (10-grams) are excluded" />
      <form className="flex flex-wrap items-end gap-3 p-4 [&>label]:w-28 [&>label:first-child]:w-48 [&>label:nth-last-child(2)]:w-56" onSubmit={(e) => { e.preventDefault(); submit(); }} aria-label="Assemble contexts">
        <Field label="Pairs">
          <Select value={mode} onChange={(e) => setMode(e.target.value as Mode)} aria-label="Pairs">
            <option value="accepted">All accepted pairs</option>
            <option value="filter">By status and type</option>
            <option value="ids">These pair ids</option>
          </Select>
        </Field>
        {mode === "filter" && (<>
          <Field label="Status">
            <Select value={status} onChange={(e) => setStatus(e.target.value as PairStatus | "")}><option value="">any</option>{PAIR_STATUSES.map((s) => <option key={s}>{s}</option>)}</Select>
          </Field>
          <Field label="Type">
            <Select value={type} onChange={(e) => setType(e.target.value as PairType | "")}><option value="">any</option>{PAIR_TYPES.map((t) => <option key={t}>{t}</option>)}</Select>
          </Field>
        </>)}
        {mode === "ids" && <Field label="Pair ids" hint="comma-separated"><Input value={ids} onChange={(e) => setIds(e.target.value)} placeholder="12, 15, 40" /></Field>}
        <Field label="Min tokens"><Input type="number" min={1} value={min} onChange={(e) => setMin(e.target.value)} className="tabular" /></Field>
        <Field label="Max tokens"><Input type="number" min={1} value={max} onChange={(e) => setMax(e.target.value)} className="tabular" /></Field>
        <Field label="Short ratio"><Input type="number" min={0} max={1} step={0.01} value={ratio} onChange={(e) => setRatio(e.target.value)} className="tabular" /></Field>
        <Field label="Seed"><Input value={seed} onChange={(e) => setSeed(e.target.value)} className="font-mono" /></Field>
        <Field label="Extra eval set" hint="JSONL or text; VaL Probing is always used">
          <input type="file" accept=".jsonl,.json,.txt,.gz" className="text-xs file:mr-2 file:rounded file:border-0 file:bg-zinc-100 file:px-2 file:py-1 dark:file:bg-zinc-800"
            onChange={(e) => setEvalFile(e.target.files?.[0] ?? null)} aria-label="Extra eval set" />
        </Field>
        <div className="pb-5"><Button type="submit" disabled={start.isPending || job.data?.status === "running"}>Assemble</Button></div>
      </form>
      <div className="space-y-3 px-4 pb-4 empty:hidden">
        {start.error && <ErrorNotice error={start.error} />}
        {job.data && <JobProgress job={job.data} unit="items"><RunNote counters={job.data.counters} /></JobProgress>}
      </div>
    </Card>
  );
}

function RunNote({ counters }: { counters: Record<string, unknown> }) {
  const c = counters as { contaminatedPairs?: number; leakyFillersRejected?: number; failuresByCode?: Record<string, number> };
  const codes = Object.entries(c.failuresByCode ?? {}).map(([code, n]) => `${code}: ${n}`).join(", ");
  if (c.contaminatedPairs === undefined) return null;
  return (
    <p className="tabular text-xs text-zinc-500">
      {c.contaminatedPairs} pairs skipped as contaminated · {c.leakyFillersRejected ?? 0} fillers turned away for leaking the answer{codes && ` · skipped: ${codes}`}
    </p>
  );
}
