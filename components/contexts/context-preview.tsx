"use client";

import Link from "next/link";
import { useCallback, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, Stat } from "@/components/ui/card";
import { Badge, EmptyState, ErrorNotice, SkeletonRows } from "@/components/ui/feedback";
import { fmtInt } from "@/lib/client/format";
import { ContextText, type Jump } from "./context-text";
import { Minimap } from "./minimap";
import { pieceStyle } from "./piece-style";
import { useContextPreviewQuery } from "@/components/hooks/use-context-preview-query";

/** One pair's context: question and answer, token figures, jump-to-evidence, the virtualized text and a minimap. */
export function ContextPreview({ pairId, contextId }: { pairId: number; contextId: number | null }) {
  const q = useContextPreviewQuery(pairId, contextId);
  const [jump, setJump] = useState<Jump | null>(null);
  const [range, setRange] = useState<[number, number]>([0, 0]);
  const onRange = useCallback((a: number, b: number) => setRange([a, b]), []);
  const go = useCallback((index: number) => setJump({ index, nonce: Date.now() }), []);
  if (q.isPending) return <Card><SkeletonRows rows={10} /></Card>;
  if (q.error) {
    return <Card><EmptyState title="No context to show" action={<Link href="/contexts" className="text-sm text-indigo-600 hover:underline">Go to Contexts</Link>}>
      <ErrorNotice error={q.error} /></EmptyState></Card>;
  }
  const { context: c, pair, blocks, answerVerbatim } = q.data;
  const evidence = blocks.map((b, i) => ({ b, i })).filter(({ b }) => b.role === "evidence");
  const fillers = blocks.filter((b) => b.role === "filler").length;
  const sources = blocks.filter((b) => b.role === "source").length;
  return (
    <div className="flex flex-col gap-3" data-testid="context-preview" data-context-id={c.id}>
      <Card className="px-4 py-3">
        <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-500">
          <Badge color={c.kind === "short" ? "amber" : "indigo"}>{c.kind === "short" ? "short · original document" : "long"}</Badge>
          <span>{pair.type} · {pair.status}</span><span>run #{c.runId}</span><span className="font-mono">seed {c.seed}</span><span>{c.tokenizer}</span>
          <span title="exact: token offsets are counts of the context before each segment; estimated: per-segment sums rescaled">token offsets {c.tokenOffsets}</span>
        </div>
        <p className="mt-1.5 text-sm font-medium" data-testid="preview-question">{pair.question}</p>
        <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
          <span className="rounded-sm px-0.5 font-semibold outline-2 outline-dashed outline-zinc-600">Answer</span> <span data-testid="preview-answer">{pair.answer}</span>
        </p>
        {!answerVerbatim && (
          <p className="mt-1 text-xs text-zinc-500" data-testid="answer-not-verbatim">
            The answer does not appear verbatim in the evidence, so no answer position is boxed; the underlined support quotes are what it rests on.
          </p>
        )}
      </Card>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Stat label="Tokens" value={fmtInt(c.totalTokens)} hint={c.kind === "long" ? `target ${fmtInt(c.targetTokens)}` : "the source document"} />
        <Stat label="Segments" value={fmtInt(evidence.length + sources + fillers)}
          hint={`${evidence.length} evidence${sources ? ` · ${sources} source` : ""} · ${fillers} fillers`} />
        <Stat label="Evidence depth" value={depthSummary(c.evidenceDepths)}
          hint={c.evidenceDepths.length > 2 ? c.evidenceDepths.map((d) => `${Math.round(d * 100)}%`).join(" · ") : "tokens before / tokens around"} />
        <Stat label="Characters" value={fmtInt(c.chars)} hint="Unicode code points" />
      </div>
      <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Jump to evidence">
        {evidence.map(({ b, i }, k) => (
          <Button key={i} variant="secondary" onClick={() => go(i)} data-testid={`jump-piece-${b.piece}`}>
            <span className="inline-block size-2.5 rounded-sm outline outline-1 outline-zinc-900/50" style={{ background: pieceStyle(b.piece).swatch }} aria-hidden />
            Jump to piece {b.piece} <span className="tabular text-zinc-500">{Math.round((c.evidenceDepths[k] ?? 0) * 100)}% · t{fmtInt(b.tokenStart)}</span>
          </Button>
        ))}
        <span className="ml-auto text-xs text-zinc-500">
          <span className="underline decoration-2">underlined</span>: support quote · <span className="outline-1 outline-dashed px-0.5">boxed</span>: the answer, where it stands verbatim
          {sources > 0 && <> · <span className="rounded-sm border border-dashed border-zinc-400 bg-zinc-50 px-1 dark:bg-zinc-800/40">dashed grey</span>: source piece (shown to the generator, not needed)</>}
        </span>
      </div>
      <div className="grid h-[calc(100vh-330px)] min-h-[420px] grid-cols-[1fr_64px] gap-3">
        <ContextText key={c.id} blocks={blocks} start={evidence[0]?.i ?? 0} jump={jump} onRange={onRange} />
        <Minimap blocks={blocks} total={c.totalTokens} depths={c.evidenceDepths} range={range} onJump={go} />
      </div>
    </div>
  );
}

/** One depth, two side by side, or the range when a multi pair has many pieces (the list goes in the hint). */
function depthSummary(depths: number[]): string {
  const p = depths.map((d) => Math.round(d * 100));
  if (p.length <= 2) return p.map((x) => `${x}%`).join(" · ");
  return `${Math.min(...p)}–${Math.max(...p)}%`;
}
