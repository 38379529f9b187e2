"use client";

import Link from "next/link";
import { ArrowRight } from "lucide-react";
import { useState } from "react";
import { DemoLoader } from "@/components/corpora/demo-loader";
import { useStatsQuery } from "@/components/hooks/use-stats-query";
import { Card, CardHeader, Stat } from "@/components/ui/card";
import { EmptyState, ErrorNotice, Skeleton } from "@/components/ui/feedback";
import { fmtInt, plural } from "@/lib/client/format";
import { nextStep } from "./next-step";
import { RecentActivity } from "./recent-activity";

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
  const next = data ? nextStep(data) : null;
  return (
    <div className="space-y-6">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {isLoading || !data ? Array.from({ length: 4 }, (_, i) => <Skeleton key={i} className="h-20" />) : (
          <>
            <Stat label="Documents" value={fmtInt(data.documents)} hint={`in ${plural(data.corpora, "corpus", "corpora")}`} />
            <Stat label="Segments" value={fmtInt(data.segments)} hint={plural(data.tokens, "token")} />
            <Stat label="QA pairs" value={fmtInt(pairs("all"))} hint={`${fmtInt(pairs("pending"))} pending review`} />
            <Stat label="Accepted" value={fmtInt(pairs("accepted"))} hint={`${plural(data.activeJobs, "job")} running`} />
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
      {data && next && data.corpora > 0 && (
        <Card className="flex flex-wrap items-center gap-4 border-indigo-200 px-4 py-3 dark:border-indigo-900" data-testid="next-step">
          <div className="min-w-0 flex-1 basis-64">
            <div className="text-xs font-medium text-indigo-700 uppercase dark:text-indigo-300">Next step</div>
            <div className="text-sm font-semibold">{next.title}</div>
            <p className="text-xs text-zinc-500">{next.why}</p>
          </div>
          {/* the one link a user is most likely to follow: the only one prefetched on this page */}
          <Link href={next.href} prefetch className="inline-flex items-center gap-1.5 rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500">
            Continue <ArrowRight size={14} aria-hidden />
          </Link>
        </Card>
      )}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Card>
          <CardHeader title="The IN2 journey" description="Each step is a page in the left navigation." />
          <ol className="grid gap-px bg-zinc-100 sm:grid-cols-2 dark:bg-zinc-800">
            {STEPS.map((s, i) => (
              <li key={s.href} className={`bg-white p-4 dark:bg-zinc-900 ${next?.href === s.href ? "ring-2 ring-indigo-500/40 ring-inset" : ""}`}>
                <Link href={s.href} prefetch={false} className="text-sm font-medium hover:text-indigo-600">{i + 1}. {s.label}</Link>
                <p className="mt-1 text-xs text-zinc-500">{s.hint}</p>
              </li>
            ))}
          </ol>
        </Card>
        <RecentActivity recent={data?.recent} />
      </div>
    </div>
  );
}
