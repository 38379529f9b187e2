/** The keys that tell jobs apart, shown first ("type: single · count: 4 · provider: offline"). */
const FIRST = ["corpus", "type", "count", "provider", "model", "endpoint", "format", "seed", "minTokens", "maxTokens", "runId"];
const SHOWN = 5;

/** A job's parameters in one short line for the table; the detail shows them all. */
export function paramsLine(params: unknown): string {
  if (!params || typeof params !== "object") return "";
  const entries = Object.entries(params as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined && v !== "" && (Array.isArray(v) || typeof v !== "object"))
    .sort(([a], [b]) => rank(a) - rank(b));
  return entries.slice(0, SHOWN)
    .map(([k, v]) => (Array.isArray(v) ? `${k}: ${v.length} item${v.length === 1 ? "" : "s"}` : `${k}: ${String(v)}`))
    .join(" · ");
}

function rank(key: string): number {
  const i = FIRST.indexOf(key);
  return i < 0 ? FIRST.length : i;
}
