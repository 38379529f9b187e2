import type { GenerateRequest } from "@/lib/generate/api-schemas";

/** The generate form as typed (strings), and its conversion to a request (null while invalid). */
export interface FormState {
  type: "single" | "multi";
  count: string;
  seed: string;
  corpusId: string;
  provider: "openai" | "offline";
  model: string;
  mode: "online" | "batch";
  concurrency: string;
  rpm: string;
  budgetUsd: string;
  verifyAfter: boolean;
}

export const INITIAL_FORM: FormState = {
  type: "single", count: "100", seed: "42", corpusId: "", provider: "offline", model: "", mode: "online", concurrency: "4", rpm: "", budgetUsd: "", verifyAfter: false,
};

const int = (s: string) => (/^-?\d+$/.test(s.trim()) ? Number(s) : NaN);
const opt = (s: string, parse: (s: string) => number) => (s.trim() === "" ? undefined : parse(s));

export function toRequest(f: FormState, segmentIds: number[] | null): GenerateRequest | null {
  const count = segmentIds ? segmentIds.length : int(f.count);
  const seed = int(f.seed);
  const concurrency = int(f.concurrency);
  const rpm = opt(f.rpm, int);
  const budgetUsd = opt(f.budgetUsd, Number);
  if (!(count >= 1) || !Number.isFinite(seed) || !(concurrency >= 1)) return null;
  if (rpm !== undefined && !(rpm >= 1)) return null;
  if (budgetUsd !== undefined && !(budgetUsd > 0)) return null;
  return {
    type: f.type, count, seed, concurrency, rpm, budgetUsd, provider: f.provider,
    corpusId: f.corpusId ? Number(f.corpusId) : undefined,
    segmentIds: segmentIds ?? undefined,
    model: f.provider === "openai" && f.model.trim() ? f.model.trim() : undefined,
    mode: f.provider === "openai" ? f.mode : "online",
    verifyAfter: f.verifyAfter || undefined,
  };
}
