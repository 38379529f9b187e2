"use client";

import { Dices, Sparkles } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { useSampleQuery } from "@/components/hooks/use-segments-query";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ErrorNotice, SkeletonRows } from "@/components/ui/feedback";
import { Field, Input } from "@/components/ui/fields";
import type { SegmentQuery } from "@/lib/api/schemas";
import { MarkedText } from "@/components/ui/marked-text";
import { fmtInt } from "@/lib/client/format";

/** N segments at random with a seed: the same seed gives the same sample. */
export function SamplePanel({ filter }: { filter: Omit<SegmentQuery, "after" | "limit"> }) {
  const [n, setN] = useState("20");
  const [seed, setSeed] = useState("42");
  const [req, setReq] = useState<{ n: number; seed: number } | null>(null);
  const sample = useSampleQuery(req ? { ...filter, ...req } : null);
  return (
    <Card>
      <CardHeader title="Random sample" description="Seeded: the same seed and data give the same segments." />
      <form className="flex flex-wrap items-end gap-3 p-4" onSubmit={(e) => { e.preventDefault(); setReq({ n: Number(n), seed: Number(seed) }); }}>
        <div className="w-24"><Field label="How many"><Input type="number" min={1} max={10000} value={n} onChange={(e) => setN(e.target.value)} aria-label="Sample size" /></Field></div>
        <div className="w-28"><Field label="Seed"><Input type="number" value={seed} onChange={(e) => setSeed(e.target.value)} aria-label="Seed" /></Field></div>
        <Button type="submit" variant="secondary"><Dices size={14} aria-hidden /> Sample</Button>
      </form>
      {sample.isFetching && <SkeletonRows rows={3} />}
      {sample.error && <div className="px-4 pb-4"><ErrorNotice error={sample.error} /></div>}
      {sample.data && sample.data.items.length > 0 && (
        <div className="border-t border-zinc-100 px-4 py-2 text-sm dark:border-zinc-800">
          <Link className="inline-flex items-center gap-1 text-indigo-600 hover:underline" href={`/generate?segments=${sample.data.items.map((s) => s.id).join(",")}`}>
            <Sparkles size={13} aria-hidden /> Generate questions from these {sample.data.items.length} segments
          </Link>
        </div>
      )}
      {sample.data && (
        <ol className="max-h-96 overflow-auto border-t border-zinc-100 text-sm dark:border-zinc-800" aria-label="Sampled segments">
          {sample.data.items.map((s) => (
            <li key={s.id} className="border-b border-zinc-100 px-4 py-2 last:border-0 dark:border-zinc-800">
              <span className="tabular mr-2 text-xs text-zinc-500">#{s.id} · {fmtInt(s.tokenCount)} tok</span>
              <span className="line-clamp-2"><MarkedText text={s.preview} /></span>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
