import { diffWords } from "@/lib/review/diff";

/** Removed words struck through in red, added words underlined in green: readable without colour too. */
export function TextDiff({ before, after }: { before: string; after: string }) {
  return (
    <span className="whitespace-pre-wrap">
      {diffWords(before, after).map((p, i) =>
        p.op === "same" ? <span key={i}>{p.text}</span>
          : p.op === "del" ? <del key={i} className="bg-red-50 text-red-700 decoration-red-500 dark:bg-red-500/10 dark:text-red-300">{p.text}</del>
            : <ins key={i} className="bg-emerald-50 text-emerald-800 underline decoration-emerald-600 dark:bg-emerald-500/10 dark:text-emerald-300">{p.text}</ins>)}
    </span>
  );
}
