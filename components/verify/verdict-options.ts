import { VERDICT_CODES, VERDICT_LABELS } from "@/lib/verify/verdict";

/** The pairs filter's "Model verdict" choices (lib/verify/predicate.ts turns each into SQL). */
export const VERDICT_OPTIONS: [string, string][] = [
  ["failed", "Any failed check"],
  ["passed", "Passed every check"],
  ["verified", "Verified"],
  ["unverified", "Not verified"],
  ...VERDICT_CODES.map((c): [string, string] => [c, VERDICT_LABELS[c]]),
];
