import type { Rng } from "@/lib/random";
import type { AssembleInput } from "@/lib/assemble/types";
import type { DemoDocument } from "./assemble-demo";

/** Phrases frequent in news: as answers they make many fillers leak, so the leak filter has real work to do. */
export const COMMON_ANSWERS = ["last year", "the United States", "on Tuesday", "for the first time", "in the past"];

function sentencesOf(text: string): string[] {
  return text.split(/(?<=[.!?])\s+|\n+/).filter((s) => s.split(" ").length >= 6);
}

/** A 4-word window of the sentence: verbatim in the evidence, so a filler holding it would be a real leak. */
function phraseOf(rng: Rng, sentence: string): string {
  const words = sentence.split(" ");
  const at = rng.int(0, Math.max(0, words.length - 4));
  return words.slice(at, at + 4).join(" ");
}

function answerFor(rng: Rng, sentence: string): string {
  return rng.chance(0.2) ? rng.pick(COMMON_ANSWERS) : phraseOf(rng, sentence);
}

/**
 * Synthetic but corpus-real pairs: evidence, support and answers are cut from the documents themselves (the
 * questions do not matter to assembly). About 35% multi pairs over documents with 2–8 segments: every segment of the
 * document is shown (the paper's choice), two of them are needed (evidence), the others are `source` segments.
 */
export function makeDemoPairs(docs: DemoDocument[], rng: Rng, n: number): AssembleInput[] {
  const singles = docs.filter((d) => d.segments.some((s) => sentencesOf(s.text).length > 0));
  const multis = docs.filter(
    (d) =>
      d.segments.length >= 2 &&
      d.segments.length <= 8 &&
      d.segments.every((s) => sentencesOf(s.text).length > 0),
  );
  const pairs: AssembleInput[] = [];
  for (let pairId = 1; pairs.length < n; pairId++) {
    const multi = rng.chance(0.35);
    const doc = rng.pick(multi ? multis : singles);
    const source = { id: doc.id, text: doc.text, tokenCount: doc.tokenCount };
    if (multi) {
      // the generator sees every segment of the document; the answer needs two of them (the others are sources)
      const shown = doc.segments.map((s, i) => ({ ...s, piece: i + 1 }));
      const [a, b] = rng.sample(shown, 2);
      if (!a || !b) continue;
      const evidence = shown.map((s) => ({ ...s, needed: s.piece === a.piece || s.piece === b.piece }));
      const support = [rng.pick(sentencesOf(a.text)), rng.pick(sentencesOf(b.text))];
      pairs.push({ pairId, type: "multi", evidence, answer: answerFor(rng, support[0] ?? ""), support, sourceDocument: source });
    } else {
      const seg = rng.pick(doc.segments.filter((s) => sentencesOf(s.text).length > 0));
      const support = [rng.pick(sentencesOf(seg.text))];
      pairs.push({ pairId, type: "single", evidence: [{ ...seg, piece: 1 }], answer: answerFor(rng, support[0] ?? ""), support, sourceDocument: source });
    }
  }
  return pairs;
}
