"use client";

import { useState } from "react";
import { AssembleForm } from "./assemble-form";
import { BalancePanel } from "./balance-panel";
import { ContextsTable } from "./contexts-table";
import { RunsTable } from "./runs-table";
import { VerifyCoverage } from "@/components/verify/verify-coverage";

/** Assemble, then check balance run by run (or for the whole dataset), then open any context's preview. */
export function ContextsPage() {
  const [runId, setRunId] = useState<number | null>(null);
  return (
    <div className="space-y-4">
      <AssembleForm />
      <RunsTable selected={runId} onSelect={setRunId} />
      <BalancePanel runId={runId} />
      <VerifyCoverage />
      <ContextsTable key={runId ?? "dataset"} runId={runId} />
    </div>
  );
}
