"use client";

import { useState } from "react";
import { numOrUndef, useUrlState } from "@/components/hooks/use-url-state";
import { useJobsQuery } from "@/components/hooks/use-jobs-query";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState, ErrorNotice, SkeletonRows } from "@/components/ui/feedback";
import { Select } from "@/components/ui/fields";
import { JobDetail } from "./job-detail";
import { JobsTable } from "./jobs-table";

const KINDS = [["", "All kinds"], ["import", "Import"], ["generate", "Generation"], ["assemble", "Assembly"], ["export", "Export"], ["probe-run", "Probe"]] as const;
const STATUSES = ["", "queued", "running", "cancelling", "succeeded", "failed", "cancelled"] as const;

/** Every job of the app, newest first; `?job=ID` opens one with its parameters, result and failed items. */
export function JobsPage() {
  const [url, setUrl] = useUrlState(["kind", "status", "job"] as const);
  const [before, setBefore] = useState<number[]>([]); // keyset pages walked so far
  const page = before[before.length - 1];
  const { data, error, isLoading } = useJobsQuery({ kind: url.kind || undefined, status: url.status || undefined, before: page, limit: 50 });
  const selected = numOrUndef(url.job);
  const filter = (patch: { kind?: string; status?: string }) => { setBefore([]); setUrl(patch); };
  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]">
      <Card className="min-w-0">
        <CardHeader title="All jobs" description="Imports, generation, assembly, exports and probe runs, from every user, the CLI and every worker." />
        <div className="flex flex-wrap gap-2 border-b border-zinc-100 px-4 py-2 dark:border-zinc-800">
          <div className="w-44">
            <Select aria-label="Kind" value={url.kind} onChange={(e) => filter({ kind: e.target.value })}>
              {KINDS.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
            </Select>
          </div>
          <div className="w-44">
            <Select aria-label="Status" value={url.status} onChange={(e) => filter({ status: e.target.value })}>
              {STATUSES.map((s) => <option key={s} value={s}>{s || "Any status"}</option>)}
            </Select>
          </div>
        </div>
        {isLoading && <SkeletonRows rows={4} />}
        {error && <div className="p-4"><ErrorNotice error={error} /></div>}
        {data && data.jobs.length === 0 && (
          <EmptyState title={url.kind || url.status ? "No job matches these filters" : "No jobs yet"}>
            Jobs appear here when you import a corpus, generate pairs, assemble contexts, export or probe.
          </EmptyState>
        )}
        {data && data.jobs.length > 0 && <JobsTable jobs={data.jobs} selected={selected} onSelect={(id) => setUrl({ job: String(id) })} />}
        <div className="flex items-center gap-2 border-t border-zinc-100 px-4 py-2 text-xs text-zinc-500 dark:border-zinc-800">
          {before.length > 0 && <Button variant="secondary" onClick={() => setBefore(before.slice(0, -1))}>Newer</Button>}
          {data && data.jobs.length === 50 && <Button variant="secondary" onClick={() => setBefore([...before, data.jobs[data.jobs.length - 1]!.id])}>Older</Button>}
          <span className="ml-auto">Click a job for its parameters, result and failed items.</span>
        </div>
      </Card>
      <div className="min-w-0">
        {selected ? <JobDetail jobId={selected} onClose={() => setUrl({ job: "" })} />
          : <Card><EmptyState title="No job selected">Pick a job to see its parameters, its result and, for generation, every failed item with its reason and raw reply.</EmptyState></Card>}
      </div>
    </div>
  );
}
