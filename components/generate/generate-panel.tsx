"use client";

import { useSearchParams } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { Card, CardHeader } from "@/components/ui/card";
import { ErrorNotice } from "@/components/ui/feedback";
import { EstimateCard } from "./estimate-card";
import { INITIAL_FORM, toRequest, type FormState } from "./form-state";
import { GenerateForm } from "./generate-form";
import { GenerationJobCard } from "./generation-job-card";
import { useGenerateEstimateQuery } from "@/components/hooks/use-generate-estimate-query";
import { useGenerateOptionsQuery } from "@/components/hooks/use-generate-options-query";
import { useStartGeneration } from "@/components/hooks/use-start-generation";
import { useDebounced } from "@/components/hooks/use-debounced";

/**
 * Start a generation: settings, the estimate before anything is spent, then the running job. An explicit
 * selection arrives as `?segments=1,2,3` (from the segments view); otherwise "N random with seed S".
 */
export function GeneratePanel() {
  const params = useSearchParams();
  const selection = useMemo(() => {
    const ids = (params.get("segments") ?? "").split(",").map(Number).filter((n) => Number.isInteger(n) && n > 0);
    return ids.length ? ids : null;
  }, [params]);
  const options = useGenerateOptionsQuery();
  const [form, setForm] = useState<FormState>(INITIAL_FORM);
  const [touchedProvider, setTouchedProvider] = useState(false);
  useEffect(() => {
    if (options.data && !touchedProvider) setForm((f) => ({ ...f, provider: options.data.defaultProvider as FormState["provider"] }));
  }, [options.data, touchedProvider]);
  const set = (patch: Partial<FormState>) => {
    if (patch.provider) setTouchedProvider(true);
    setForm((f) => ({ ...f, ...patch }));
  };
  const request = useDebounced(useMemo(() => toRequest(form, selection), [form, selection]));
  const estimate = useGenerateEstimateQuery(request);
  const start = useStartGeneration();
  // `?job=ID` reopens a generation job (its tokens, cost and failed items) after a reload
  const [jobId, setJobId] = useState<number | null>(() => Number(params.get("job")) || null);

  const showJob = (id: number) => {
    setJobId(id);
    const next = new URLSearchParams(params.toString());
    next.set("job", String(id));
    window.history.replaceState(null, "", `?${next.toString()}`);
  };

  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader title="New generation" description="Questions follow the paper's rules: specific, answerable from the text, unambiguous, no “according to the context”." />
          {options.error && <div className="px-4 pt-4"><ErrorNotice error={options.error} /></div>}
          <GenerateForm form={form} set={set} options={options.data} selection={selection} />
        </Card>
        <div className="space-y-3">
          <EstimateCard estimate={request ? estimate.data : undefined} loading={estimate.isFetching} error={request ? estimate.error : "Fill in a count ≥ 1, a seed, and a concurrency ≥ 1."}
            starting={start.isPending} budgetUsd={request?.budgetUsd}
            onStart={() => { if (request) start.mutate(request, { onSuccess: (r) => showJob(r.jobId) }); }} />
          {start.error && <ErrorNotice error={start.error} />}
        </div>
      </div>
      {jobId !== null && <GenerationJobCard jobId={jobId} />}
    </div>
  );
}
