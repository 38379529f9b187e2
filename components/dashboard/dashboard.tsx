"use client";

import Link from "next/link";
import { useState } from "react";
import { DemoLoader } from "@/components/corpora/demo-loader";
import { useStatsQuery } from "@/components/hooks/use-stats-query";
import { Card, CardHeader, Stat } from "@/components/ui/card";
import { EmptyState, ErrorNotice, Skeleton } from "@/components/ui/feedback";
import { fmtInt } from "@/lib/client/format";

const STEPS = [
  { href: "/corpora", label: "Import a corpus", hint: "JSON Lines or text, cut into ≥128-token segments" },
  { href: "/segments", label: "Browse segments", hint: "filter, search, sample with a seed" },
  { href: "/generate", label: "Generate QA pairs", hint: "single-segment and multi-piece questions" },
  { href: "/review", label: "Review", hint: "accept, reject, edit, keyboard-first" },
  { href: "/contexts", label: "Assemble contexts", hint: "4K–32K tokens, evidence at random depths" },
  { href: "/export", label: "Export", hint: "FILM template, chat messages or raw fields" },
];

export function Dashboard() {
  const { data, error, isLoading } = useStatsQuery();
  // keeps the demo card (and its job's progress and summary) on screen after the corpus count turns non-zero
  const [demoStarted, setDemoStarted] = useState(false);
  if (error) return <ErrorNotice error={error} />;
  const pairs = (status: string) => data?.pairs.filter((p) => status === "all" || p.status === status).reduce((a, p) => a + p.n, 0) ?? 0;
  return (
    <div className="space-y-6">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {isLoading || !data ? Array.from({ length: 4 }, (_, i) => <Skeleton key={i} className="h-20" />) : (
          <>
            <Stat label="Documents" value={fmtInt(data.documents)} hint={`${fmtInt(data.corpora)} corpora`} />
            <Stat label="Segments" value={fmtInt(data.segments)} hint={`${fmtInt(data.tokens)} tokens`} />
            <Stat label="QA pairs" value={fmtInt(pairs("all"))} hint={`${fmtInt(pairs("pending"))} pending review`} />
            <Stat label="Accepted" value={fmtInt(pairs("accepted"))} hint={`${fmtInt(data.activeJobs)} jobs running`} />
          </>
        )}
      </div>
      {data && (data.corpora === 0 || demoStarted) && (
        <Card>
          <EmptyState title={data.corpora === 0 ? "No corpus yet — load the demo corpus or import a file" : "Demo corpus"} action={<DemoLoader onStart={() => setDemoStarted(true)} />}>
            The demo is 1,000 C4 realnewslike articles, the corpus the FILM-7B paper drew its IN2 training data from.
            Or <Link href="/corpora" className="text-indigo-600 hover:underline">import your own files</Link>.
          </EmptyState>
        </Card>
      )}
      <Card>
        <CardHeader title="The IN2 journey" description="Each step is a page in the left navigation." />
        <ol className="grid gap-px bg-zinc-100 md:grid-cols-3 dark:bg-zinc-800">
          {STEPS.map((s, i) => (
            <li key={s.href} className="bg-white p-4 dark:bg-zinc-900">
              <Link href={s.href} className="text-sm font-medium hover:text-indigo-600">{i + 1}. {s.label}</Link>
              <p className="mt-1 text-xs text-zinc-500">{s.hint}</p>
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
