/**
 * False-positive rate of each quality check on offline pairs of a real corpus. Offline answers come from the
 * text by construction (a blanked entity of a quoted sentence), so every `answer_unsupported` or
 * `support_not_found` on them is a false alarm; other checks are reported for reference.
 *
 *   npx tsx scripts/quality/false-positives.ts [--file /work/shared/data/c4-realnewslike/…jsonl] [--n 600] [--flatten]
 * Prints one JSON line: pairs, and per check the count and share of pairs it flagged.
 */
import { parseArgs } from "node:util";
import { checkPair, findNearDuplicates } from "@/lib/quality";
import { offlineSample } from "./offline-sample";

const { values } = parseArgs({ options: {
  file: { type: "string", default: "/work/shared/data/c4-realnewslike/c4-realnewslike-train.00000-of-00512.first1000.jsonl" },
  n: { type: "string", default: "600" }, flatten: { type: "boolean", default: false }, seed: { type: "string", default: "1" },
  show: { type: "string" },
} });
const { pairs } = await offlineSample({ file: values.file!, n: Number(values.n), flatten: values.flatten!, seed: values.seed! });
const counts: Record<string, number> = {};
const examples: Record<string, string[]> = {};
for (const p of pairs) {
  const { flags } = checkPair({ type: p.type, question: p.question, answer: p.answer, support: p.support, evidence: p.evidence });
  for (const f of new Set(flags.map((x) => x.code))) {
    counts[f] = (counts[f] ?? 0) + 1;
    (examples[f] ??= []).push(`${p.answer} | ${flags.find((x) => x.code === f)?.reason}`);
  }
}
const dups = findNearDuplicates(pairs.map((p) => ({ id: p.n, question: p.question })));
counts.near_duplicate = dups.size;
const rate = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, { pairs: v, share: +(v / pairs.length).toFixed(4) }]));
console.log(JSON.stringify({ corpus: values.file!.split("/").pop(), flatten: values.flatten, pairs: pairs.length, flagged: rate }));
if (values.show) for (const e of (examples[values.show] ?? []).slice(0, 30)) console.error(e);
