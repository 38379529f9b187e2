"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge, ErrorNotice } from "@/components/ui/feedback";
import { api } from "@/lib/client/fetch";
import type { CheckView } from "@/lib/verify/queries";
import { usePairVerification } from "@/components/hooks/use-pair-verification";
import { verdictLabel } from "./verdict-badges";

const KIND: Record<CheckView["kind"], string> = { closed_book: "Closed-book", evidence_only: "Evidence only", ablation: "Ablation", judge: "Judge" };

function given(c: CheckView): string {
  if (c.kind === "closed_book") return "no text";
  return `piece ${c.pieces.join(", ")}${c.pieceRemoved ? ` (without piece ${c.pieceRemoved})` : ""}`;
}

/**
 * The model verification of one pair: verdict badges with their reasons, and — one click away — every check
 * behind them with what the model was given, its answer, how it was matched, and its raw reply.
 */
export function VerificationPanel({ pairId, version }: { pairId: number; version: number }) {
  const q = usePairVerification(pairId, version);
  const [open, setOpen] = useState(false);
  const [started, setStarted] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const verify = async () => {
    setError(null);
    try {
      const r = await api<{ jobId: number }>("/api/verify", { method: "POST", json: { pairIds: [pairId] } });
      setStarted(`Verification job #${r.jobId} queued; the verdict appears here when it finishes.`);
    } catch (err) {
      setError(err);
    }
  };
  const v = q.data;
  const s = v?.summary;
  return (
    <section aria-label="Model verification" className="space-y-1.5" data-testid="verification-panel">
      <div className="flex items-center gap-2 text-[11px] font-medium uppercase tracking-wide text-zinc-500">
        Model verification
        <Button variant="secondary" className="ml-auto !px-2 !py-0.5 text-[11px] normal-case tracking-normal" onClick={() => void verify()}>{s ? "Verify again" : "Verify"}</Button>
      </div>
      {s && <p className="text-[11px] text-zinc-400">{s.provider === "offline" ? "offline (not an LLM)" : s.provider} · {s.model} · prompt {s.promptVersion}</p>}
      {error !== null && <ErrorNotice error={error} />}
      {started && <p className="text-xs text-zinc-500" role="status">{started}</p>}
      {q.isLoading && <p className="text-xs text-zinc-400">Loading verification…</p>}
      {v && !s && <p className="text-xs text-zinc-500">Not verified yet: no model has answered this question with and without its evidence.</p>}
      {v?.stale && <p className="text-xs text-amber-700 dark:text-amber-400">The pair changed after this verdict; verify again to check the current text.</p>}
      {s && (s.passed
        ? <p className="text-xs text-emerald-700 dark:text-emerald-400">✓ Passed every check that was run ({s.checks} checks)</p>
        : (
          <ul className="space-y-1">
            {s.flags.map((f, i) => (
              <li key={i} className="flex gap-2 text-xs">
                <span className="shrink-0"><Badge color="red">✗ {verdictLabel(f)}</Badge></span>
                <span className="text-zinc-600 dark:text-zinc-400">{f.reason}</span>
              </li>
            ))}
          </ul>
        ))}
      {s?.judge && (
        <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="judge-scores">
          Judge: specificity <b className="tabular">{s.judge.specificity}</b> · answerability <b className="tabular">{s.judge.answerability}</b> · faithfulness{" "}
          <b className="tabular">{s.judge.faithfulness}</b> · answer quality <b className="tabular">{s.judge.answer_quality}</b> (of 10){s.judge.reason ? ` — ${s.judge.reason}` : ""}
        </p>
      )}
      {v && v.checks.length > 0 && (
        <div>
          <button type="button" className="text-xs text-indigo-600 hover:underline" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
            {open ? "Hide" : "Show"} the model&apos;s replies ({v.checks.length} checks)
          </button>
          {open && (
            <ol className="mt-1.5 space-y-2" aria-label="Checks">
              {v.checks.map((c) => (
                <li key={c.id} className="rounded-md border border-zinc-200 bg-white p-2 text-xs dark:border-zinc-800 dark:bg-zinc-900">
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge color={c.passed ? "green" : "red"}>{c.passed ? "✓" : "✗"} {KIND[c.kind]}</Badge>
                    <span className="text-zinc-500">given {given(c)}</span>
                    <span className="ml-auto text-zinc-400">{c.matchMethod} · <span className="tabular">{c.matchScore.toFixed(2)}</span></span>
                  </div>
                  <div className="mt-1"><span className="text-zinc-500">Answer: </span>{c.modelAnswer ?? <i className="text-zinc-400">none (cannot answer)</i>}</div>
                  <div className="text-zinc-500">{c.matched ? "Matches" : "Does not match"} the pair&apos;s answer: {c.reason}</div>
                  <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap break-words rounded bg-zinc-50 p-1.5 font-mono text-[11px] text-zinc-700 dark:bg-zinc-950 dark:text-zinc-300" aria-label="Raw reply">
                    {c.rawOutput}{c.rawTruncated ? "…" : ""}
                  </pre>
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </section>
  );
}
