/**
 * Figures reported in the FILM paper (An et al., 2024, "Make Your LLM Fully Utilize the Context") for
 * VaL Probing at 32K: Avg and Gap over all three styles, in percent. Shown beside our runs as reference
 * rows only; they were not measured by this app.
 */
export interface ReferenceFigure {
  model: string;
  avg: number;
  gap: number;
}

export const PAPER_REFERENCE: readonly ReferenceFigure[] = [
  { model: "FILM-7B", avg: 85.9, gap: 13.9 },
  { model: "GPT-4-Turbo", avg: 79.0, gap: 32.1 },
  { model: "Mistral-7B-Instruct-v0.2", avg: 47.3, gap: 56.2 },
];

export const PAPER_REFERENCE_NOTE = "From the FILM paper (VaL Probing 32K, all three styles) — not measured here";
