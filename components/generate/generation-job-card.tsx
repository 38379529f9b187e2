"use client";

import { useState } from "react";
import Link from "next/link";
import { useJobQuery } from "@/components/hooks/use-job-query";
import { isActive } from "@/components/hooks/use-jobs-query";
import { JobProgress } from "@/components/jobs/job-progress";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ErrorNotice, SkeletonRows } from "@/components/ui/feedback";
import { Input } from "@/components/ui/fields";
import { fmtInt } from "@/lib/client/format";
import { fmtUsd } from "./estimate-card";
import { FailedItems } from "./failed-items";
import { useRaiseBudget } from "@/components/hooks/use-raise-budget";

interface Counters { succeeded?: number; promptTokens?: number; completionTokens?: number; costUsd?: number }

/** The job just started: live progress, tokens and dollars so far, failures, and a budget raise when it stopped at the cap. */
export function GenerationJobCard({ jobId }: { jobId: number }) {
  const { data: job, error } = useJobQuery(jobId);
  const [budget, setBudget] = useState("");
  const raise = useRaiseBudget(jobId);
  const c = (job?.counters ?? {}) as Counters;
  const stoppedAtBudget = job?.status === "cancelled" && /budget/.test(job.message ?? "");
  return (
    <Card>
      <CardHeader title={`Generation job #${jobId}`} description={<>Pairs land in <Link className="text-indigo-600 hover:underline" href="/review">Review</Link> as pending.</>} />
      <div className="space-y-3 p-4">
        {!job && !error && <SkeletonRows rows={2} />}
        {error && <ErrorNotice error={error} />}
        {job && (
          <JobProgress job={job}>
            <div className="tabular flex flex-wrap gap-x-4 text-xs text-zinc-600 dark:text-zinc-400" data-testid="generation-counters">
              <span><strong className="font-semibold text-zinc-900 dark:text-zinc-100">{fmtInt(c.succeeded ?? 0)}</strong> pairs</span>
              <span>{fmtInt(c.promptTokens ?? 0)} prompt + {fmtInt(c.completionTokens ?? 0)} completion tokens</span>
              <span>{fmtUsd(c.costUsd ?? 0)} spent</span>
            </div>
          </JobProgress>
        )}
        {stoppedAtBudget && (
          <form className="flex items-center gap-2 text-sm" onSubmit={(e) => { e.preventDefault(); raise.mutate(Number(budget)); }}>
            <span className="text-zinc-600 dark:text-zinc-400">New budget (USD)</span>
            <Input type="number" step="0.01" min={0} className="w-28" value={budget} onChange={(e) => setBudget(e.target.value)} aria-label="New budget in USD" />
            <Button type="submit" variant="secondary" disabled={!(Number(budget) > 0) || raise.isPending}>Raise and resume</Button>
            {raise.error && <ErrorNotice error={raise.error} />}
          </form>
        )}
        {job && <FailedItems jobId={jobId} failed={job.failed} active={isActive(job.status)} />}
      </div>
    </Card>
  );
}
