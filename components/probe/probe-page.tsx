"use client";

import { useState } from "react";
import { ErrorNotice, SkeletonRows } from "@/components/ui/feedback";
import { PROBE_STYLES } from "@/lib/probe/types";
import { BuildSetForm } from "./build-set-form";
import { CurveChart } from "./curve-chart";
import { RunForm } from "./run-form";
import { RunsTable } from "./runs-table";
import { SetsTable } from "./sets-table";
import { SummaryTable } from "./summary-table";
import { useProbeRunsQuery } from "@/components/hooks/use-probe-runs-query";

// One chart fills the width; two or three share it (static class names, so Tailwind sees them).
const CHART_COLUMNS: Record<number, string> = { 2: "xl:grid-cols-2", 3: "xl:grid-cols-3" };

/** Build sets, run them against endpoints, compare position curves: the whole probe workflow on one page. */
export function ProbePage() {
  const runs = useProbeRunsQuery();
  const [setId, setSetId] = useState<number | null>(null);
  const [hidden, setHidden] = useState<ReadonlySet<number>>(new Set());
  const all = runs.data?.runs ?? [];
  // Colours follow a run's place in the list, so a run keeps its colour in the table and every chart.
  const indexOf = (id: number) => Math.max(0, all.findIndex((r) => r.id === id));
  const shown = all.filter((r) => !hidden.has(r.id) && r.scored > 0);
  const styles = PROBE_STYLES.filter((s) => shown.some((r) => r.style === s));
  const toggle = (id: number) => setHidden((h) => {
    const next = new Set(h);
    if (next.has(id)) next.delete(id); else next.add(id);
    return next;
  });

  return (
    <div className="space-y-6">
      <div className="grid gap-6 xl:grid-cols-2">
        <BuildSetForm />
        <RunForm setId={setId} onSetId={setSetId} />
      </div>
      <SetsTable onRun={(id) => { setSetId(id); window.scrollTo({ top: 0, behavior: "smooth" }); }} />
      {runs.isLoading && <SkeletonRows rows={3} />}
      {runs.error && <ErrorNotice error={runs.error} />}
      {runs.data && <RunsTable runs={all} hidden={hidden} onToggle={toggle} indexOf={indexOf} />}
      {styles.length > 0 && (
        <div className={`grid gap-6 ${CHART_COLUMNS[styles.length] ?? ""}`}>
          {styles.map((s) => (
            <CurveChart key={s} style={s} runs={shown.filter((r) => r.style === s)} indexOf={indexOf} />
          ))}
        </div>
      )}
      {runs.data && <SummaryTable runs={shown} />}
    </div>
  );
}
