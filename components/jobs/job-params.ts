/** A job's parameters in one short line for the table ("corpus demo · 2 files"); the detail shows them all. */
export function paramsLine(params: unknown): string {
  if (!params || typeof params !== "object") return "";
  const parts: string[] = [];
  for (const [k, v] of Object.entries(params as Record<string, unknown>)) {
    if (v === null || v === undefined || v === "") continue;
    if (Array.isArray(v)) parts.push(`${k}: ${v.length} item${v.length === 1 ? "" : "s"}`);
    else if (typeof v === "object") continue;
    else parts.push(`${k}: ${String(v)}`);
    if (parts.length === 4) break;
  }
  return parts.join(" · ");
}
