"use client";

import { useState } from "react";
import { useJobsQuery } from "@/components/hooks/use-jobs-query";
import { ExportForm } from "./export-form";
import { ExportJobCard } from "./export-job-card";
import { ExportsTable } from "./exports-table";
import { INITIAL_FORM, toBody, type ExportFormState } from "./form-state";
import { useStartExport } from "@/components/hooks/use-start-export";

/** Choose, start, watch, download: the whole export step on one page. */
export function ExportPage() {
  const [form, setForm] = useState<ExportFormState>(INITIAL_FORM);
  const [started, setStarted] = useState<number | null>(null);
  const start = useStartExport();
  // After a reload the page picks up an export that is still running.
  const running = useJobsQuery({ kind: "export", active: true });
  const jobId = started ?? running.data?.jobs[0]?.id ?? null;
  return (
    <div className="space-y-6">
      <div className="grid gap-6 xl:grid-cols-[3fr_2fr]">
        <ExportForm
          form={form}
          set={(patch) => setForm((f) => ({ ...f, ...patch }))}
          starting={start.isPending}
          error={start.error}
          onStart={() => start.mutate(toBody(form), { onSuccess: (r) => setStarted(r.jobId) })}
        />
        <ExportJobCard jobId={jobId} />
      </div>
      <ExportsTable />
    </div>
  );
}
