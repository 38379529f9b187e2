/**
 * Segmentation throughput on the demo corpus with the Mistral tokenizer: the paper's rule (no cut), the import
 * default (paragraphs over 256 tokens cut at sentences), and the same documents with their newlines replaced by
 * spaces (one line per article, every document cut). Prints one JSON line; ratios are against the paper's rule.
 *   npx tsx scripts/bench/segment-cut.ts
 */
import { segmentDocument } from "@/lib/segment";
import { getTokenizer } from "@/lib/tokenize";
import { readDemoTexts } from "@/test/support/demo-corpus";

const tokenizer = await getTokenizer("mistral");
const texts = readDemoTexts();
const flat = texts.map((t) => t.replace(/\n/g, " "));
const mb = texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1e6;
/** Best of three passes: the tokenizer's caches warm up on the first, and the machine is shared. */
function run(docs: string[], max: number): { mbps: number; segments: number } {
  let best = Infinity;
  let segments = 0;
  for (let pass = 0; pass < 3; pass++) {
    const t0 = performance.now();
    segments = 0;
    for (const d of docs) segments += segmentDocument(d, tokenizer, 128, max).length;
    best = Math.min(best, performance.now() - t0);
  }
  return { mbps: +(mb / (best / 1000)).toFixed(2), segments };
}
const paper = run(texts, Infinity);
const cut = run(texts, 256);
const oneLine = run(flat, 256);
const oneLineUncut = run(flat, Infinity);
console.log(JSON.stringify({ mb: +mb.toFixed(2), paper, cut, oneLine, oneLineUncut, ratio: { cut: +(cut.mbps / paper.mbps).toFixed(2), oneLine: +(oneLine.mbps / paper.mbps).toFixed(2) } }));
