import type { ProbeRunSummary } from "@/lib/probe/runs";

/** Colour and dash per run, so lines stay apart for colour-blind readers too. */
const COLORS = ["#4f46e5", "#ea580c", "#0891b2", "#16a34a", "#db2777", "#ca8a04", "#7c3aed", "#64748b"];
const DASHES = ["", "6 3", "2 2", "8 3 2 3"];

export function seriesStyle(index: number): { color: string; dash: string } {
  return { color: COLORS[index % COLORS.length]!, dash: DASHES[index % DASHES.length]! };
}

export function runLabel(run: Pick<ProbeRunSummary, "id" | "model" | "setId">): string {
  return `${run.model} · set #${run.setId} · run ${run.id}`;
}

export const pct = (x: number) => (x * 100).toFixed(1);
