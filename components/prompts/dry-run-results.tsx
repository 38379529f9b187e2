import type { DryRunResult } from "@/lib/prompts/schemas";

/** The five replies of a dry run: input (collapsed), the model's output or the reason it would be rejected, tokens, cost. */
export function DryRunResults({ result }: { result: DryRunResult }) {
  return (
    <div className="space-y-2" data-testid="dry-run">
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        {result.provider} · {result.model} · {result.replies.filter((r) => r.ok).length}/{result.replies.length} valid ·
        {" "}{result.priced ? `$${result.totalCostUsd.toFixed(5)} for the five` : "no price known for this model"}
        {result.provider === "offline" && " — the offline generator does not read prompts: set OPENAI_API_KEY to try the text on a model"}
      </p>
      <ol className="space-y-2">
        {result.replies.map((r, i) => {
          const qa = r.output as { question?: string; answer?: string; support?: string[] } | null;
          return (
            <li key={i} className={`rounded-md border p-2 text-sm ${r.ok ? "border-zinc-200 dark:border-zinc-800" : "border-red-300 bg-red-50/50 dark:border-red-900 dark:bg-red-500/5"}`}>
              <div className="flex flex-wrap justify-between gap-2 text-xs text-zinc-500">
                <span>Segment{r.segmentIds.length > 1 ? "s" : ""} {r.segmentIds.join(", ")}</span>
                <span className="tabular-nums">{r.promptTokens} + {r.completionTokens} tokens · ${r.costUsd.toFixed(5)}</span>
              </div>
              {r.ok && qa ? (
                <div className="mt-1 space-y-0.5"><p><b>Q</b> {qa.question}</p><p><b>A</b> {qa.answer}</p></div>
              ) : (
                <p className="mt-1 text-red-700 dark:text-red-400">Rejected: {r.error}</p>
              )}
              <details className="mt-1"><summary className="cursor-pointer text-xs text-zinc-500">Input and raw reply</summary>
                <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap rounded bg-zinc-50 p-2 text-xs dark:bg-zinc-800/50">{r.input}</pre>
                <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap rounded bg-zinc-50 p-2 text-xs dark:bg-zinc-800/50">{JSON.stringify(r.output, null, 2)}</pre>
              </details>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
