"use client";

import { useSearchStemsQuery } from "@/components/hooks/use-search-stems-query";

/** Says how search matched: English stems, so other forms of a word count ("salzburg" matches Salzburg's). */
export function SearchHint({ q }: { q: string | undefined }) {
  const { data } = useSearchStemsQuery(q);
  if (!q?.trim()) return null;
  const stems = data?.stems ?? [];
  return (
    <p className="text-xs text-zinc-500" data-testid="search-hint">
      Matches are <mark className="rounded-sm bg-amber-200/80 px-0.5 text-inherit underline decoration-amber-600 decoration-2 underline-offset-2 dark:bg-amber-500/30">highlighted</mark>.
      {" "}Search compares English word stems, so every form of a word counts
      {stems.length > 0 ? <>: {stems.map((s, i) => <span key={s}>{i ? ", " : ""}<b className="font-mono">{s}</b></span>)} matches {example(stems[0]!)}</> : ""}.
      {" "}Common words (the, of, and…) are ignored.
    </p>
  );
}

function example(stem: string): string {
  return `${stem}, ${stem}'s, ${stem}s and other forms`;
}
