"use client";

import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorNotice } from "@/components/ui/feedback";
import { Field, Input, Select } from "@/components/ui/fields";
import { api } from "@/lib/client/fetch";
import { fmtInt } from "@/lib/client/format";
import type { PairFilter } from "@/lib/pairs/schemas";
import type { VerifyEstimate } from "@/lib/verify/start";
import { useVerifyOptions } from "@/components/hooks/use-verify-options";

/**
 * "Verify…" on the Pairs page: runs the model checks on every pair the current filter matches (not only the
 * loaded rows). Shows the estimate (pairs, checks, tokens, cost) before anything is spent.
 */
export function VerifyButton({ filter, count }: { filter: PairFilter; count: number | undefined }) {
  const options = useVerifyOptions();
  const [open, setOpen] = useState(false);
  const [provider, setProvider] = useState<string>("");
  const [model, setModel] = useState("");
  const [mode, setMode] = useState("online");
  const [concurrency, setConcurrency] = useState("4");
  const [budget, setBudget] = useState("");
  const [judge, setJudge] = useState(false);
  const [estimate, setEstimate] = useState<VerifyEstimate | null>(null);
  const [jobId, setJobId] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const o = options.data;
  const prov = provider || o?.defaultProvider || "offline";
  const request = () => ({
    filter, provider: prov, model: prov === "openai" ? model || o?.defaultModel : undefined, mode: prov === "openai" ? mode : "online",
    concurrency: Number(concurrency) || 4, budgetUsd: budget ? Number(budget) : undefined, judge: prov === "openai" && judge,
  });
  const call = async (path: string) => {
    setError(null);
    try {
      if (path.endsWith("estimate")) setEstimate(await api<VerifyEstimate>(path, { method: "POST", json: request() }));
      else setJobId((await api<{ jobId: number }>(path, { method: "POST", json: request() })).jobId);
    } catch (err) {
      setError(err);
    }
  };
  if (!open) {
    return <Button variant="secondary" className="!py-1 text-xs" disabled={!count} onClick={() => { setOpen(true); void call("/api/verify/estimate"); }}>Verify with a model…</Button>;
  }
  return (
    <div className="w-full space-y-2 rounded-md border border-zinc-200 bg-zinc-50 p-3 text-xs dark:border-zinc-800 dark:bg-zinc-900/50" aria-label="Verify pairs">
      <div className="flex flex-wrap items-end gap-2">
        <div className="w-48"><Field label="Verifier">
          <Select aria-label="Verifier" className="!py-1 text-xs" value={prov} onChange={(e) => { setProvider(e.target.value); setEstimate(null); }}>
            {(o?.providers ?? []).map((p) => <option key={p.name} value={p.name} disabled={!p.available}>{p.name === "offline" ? "offline (not an LLM)" : p.name}</option>)}
          </Select>
        </Field></div>
        {prov === "openai" && <>
          <div className="w-40"><Field label="Model"><Input aria-label="Model" className="!py-1 text-xs" value={model} placeholder={o?.defaultModel} onChange={(e) => { setModel(e.target.value); setEstimate(null); }} /></Field></div>
          <div className="w-28"><Field label="Mode"><Select aria-label="Mode" className="!py-1 text-xs" value={mode} onChange={(e) => { setMode(e.target.value); setEstimate(null); }}><option value="online">online</option><option value="batch">Batch API</option></Select></Field></div>
          <label className="flex items-center gap-1.5 self-center pt-4" title="0–10 for specificity, answerability, faithfulness and answer quality, with a reason; one more call per pair; never a verdict">
            <input type="checkbox" checked={judge} onChange={(e) => { setJudge(e.target.checked); setEstimate(null); }} /> Judge score
          </label>
          <div className="w-24"><Field label="Budget $"><Input aria-label="Budget in dollars" className="!py-1 text-xs" inputMode="decimal" value={budget} onChange={(e) => setBudget(e.target.value)} /></Field></div>
        </>}
        <div className="w-20"><Field label="Concurrency"><Input aria-label="Concurrency" className="!py-1 text-xs" inputMode="numeric" value={concurrency} onChange={(e) => setConcurrency(e.target.value)} /></Field></div>
        <Button variant="secondary" className="!py-1 text-xs" onClick={() => void call("/api/verify/estimate")}>Estimate</Button>
        <Button className="!py-1 text-xs" disabled={!estimate || jobId !== null} onClick={() => void call("/api/verify")}>Start verification</Button>
        <Button variant="secondary" className="!py-1 text-xs" onClick={() => { setOpen(false); setEstimate(null); setJobId(null); }}>Close</Button>
      </div>
      {o && prov === "offline" && <p className="text-zinc-500">{o.providers.find((p) => p.name === "offline")?.note}.</p>}
      {estimate && (
        <p className="tabular text-zinc-600 dark:text-zinc-400" role="status">
          {fmtInt(estimate.pairs)} pairs · {fmtInt(estimate.calls)} checks (closed-book, evidence-only, one ablation per needed piece of a multi pair) ·
          {estimate.provider === "offline" ? " no tokens, no cost" : ` ≤${fmtInt(estimate.promptTokens + estimate.completionTokens)} tokens · ${estimate.costUsd === null ? "cost unknown (model not in the price table)" : `≤$${estimate.costUsd.toFixed(4)}`}`}.
          {" "}Pairs already verified with the same text, prompt ({o?.promptVersion}) and model are skipped.
        </p>
      )}
      {jobId !== null && <p role="status" className="text-emerald-700 dark:text-emerald-400">Verification job #{jobId} started. <Link className="text-indigo-600 hover:underline" href="/jobs">Follow it on Jobs →</Link> Verdicts appear in the table as pairs finish.</p>}
      {error !== null && <ErrorNotice error={error} />}
    </div>
  );
}
