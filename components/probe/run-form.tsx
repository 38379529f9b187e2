"use client";

import { Play } from "lucide-react";
import { useState } from "react";
import { useEndpointsQuery } from "@/components/hooks/use-endpoints-query";
import { useJobQuery } from "@/components/hooks/use-job-query";
import { JobProgress } from "@/components/jobs/job-progress";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/fields";
import { FormCard } from "@/components/ui/form-card";
import { useProbeSetsQuery } from "@/components/hooks/use-probe-sets-query";
import { useStartProbeRun } from "@/components/hooks/use-start-probe-run";

/** Starts (or resumes) scoring a set against an OpenAI-compatible endpoint, and follows its job. */
export function RunForm({ setId, onSetId }: { setId: number | null; onSetId: (id: number) => void }) {
  const sets = useProbeSetsQuery();
  const start = useStartProbeRun();
  const endpoints = useEndpointsQuery();
  const [endpoint, setEndpoint] = useState("");
  const [model, setModel] = useState("");
  const [concurrency, setConcurrency] = useState("4");
  const job = useJobQuery(start.data?.run.jobId ?? null);
  const chosen = setId ?? sets.data?.sets[0]?.id ?? null;
  const chosenEndpoint = endpoint || endpoints.data?.endpoints[0]?.name || "";
  const offered = endpoints.data?.endpoints.find((ep) => ep.name === chosenEndpoint)?.models ?? [];

  const submit = () => {
    if (chosen === null) return;
    start.mutate({ setId: chosen, model: model.trim(), endpoint: chosenEndpoint || undefined, concurrency: Number(concurrency) });
  };

  return (
    <FormCard title="Run against a model" onSubmit={submit} error={start.error}
      description="Any OpenAI-compatible server (vLLM, llama.cpp, OpenAI). Greedy: temperature 0, at most 128 new tokens. Re-running the same set, model and endpoint resumes it."
      after={job.data && <div className="border-t border-zinc-100 p-4 dark:border-zinc-800"><JobProgress job={job.data} /></div>}>
        <Field label="Set">
          <Select value={chosen ?? ""} onChange={(e) => onSetId(Number(e.target.value))} aria-label="Probe set" disabled={!sets.data?.sets.length}>
            {!sets.data?.sets.length && <option value="">build a set first</option>}
            {sets.data?.sets.map((s) => <option key={s.id} value={s.id}>Set #{s.id} {s.name} ({s.exampleCount} examples)</option>)}
          </Select>
        </Field>
        <Field label="Model">
          <Input value={model} onChange={(e) => setModel(e.target.value)} placeholder={offered[0] ?? "e.g. In2Training/FILM-7B"} aria-label="Model" required list="endpoint-models" />
          <datalist id="endpoint-models">{offered.map((m) => <option key={m} value={m} />)}</datalist>
        </Field>
        <Field label="Endpoint" hint="Admins add endpoints (and their keys) in Settings → Endpoints">
          <Select value={chosenEndpoint} onChange={(e) => setEndpoint(e.target.value)} aria-label="Endpoint" disabled={!endpoints.data?.endpoints.length}>
            {!endpoints.data?.endpoints.length && <option value="">no endpoint yet: ask an admin</option>}
            {endpoints.data?.endpoints.map((ep) => <option key={ep.name} value={ep.name}>{ep.name} ({ep.baseUrl})</option>)}
          </Select>
        </Field>
        <Field label="Concurrent requests">
          <Input type="number" min={1} max={64} value={concurrency} onChange={(e) => setConcurrency(e.target.value)} aria-label="Concurrent requests" className="tabular" />
        </Field>
        <div className="sm:col-span-2">
          <Button type="submit" disabled={start.isPending || chosen === null || !model.trim()}><Play size={14} aria-hidden /> Start run</Button>
        </div>
    </FormCard>
  );
}
