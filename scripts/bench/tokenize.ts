/*
 * Tokenizer throughput on the demo corpus, paragraph by paragraph (how import and segmentation call it):
 * the reference mistral-tokenizer-js vs our exact fast path (cold cache, then warm), whether every paragraph's
 * ids are identical, o200k_base, and IN2 segmentation itself. Run: npx tsx scripts/bench/tokenize.ts
 */
import { cpus } from "node:os";
import ref from "mistral-tokenizer-js";
import { segmentDocument } from "@/lib/segment";
import { getTokenizer } from "@/lib/tokenize";
import { createMistralTokenizer } from "@/lib/tokenize/mistral";
import { readDemoTexts } from "@/test/support/demo-corpus";

const texts = readDemoTexts();
const paragraphs = texts.flatMap((t) => t.split("\n")).filter((p) => p !== "");
const megabytes = paragraphs.reduce((sum, p) => sum + Buffer.byteLength(p), 0) / 1e6;

function timed<T>(run: () => T): { value: T; seconds: number } {
  const start = performance.now();
  const value = run();
  return { value, seconds: (performance.now() - start) / 1000 };
}

const mbps = (seconds: number): number => Number((megabytes / seconds).toFixed(2));

const reference = timed(() => paragraphs.map((p) => ref.encode(p, false, false) ?? []));
const fast = createMistralTokenizer(ref); // fresh instance: an empty chunk cache
const cold = timed(() => paragraphs.map((p) => fast.encode(p)));
const warm = timed(() => paragraphs.map((p) => fast.encode(p)));
const warmCount = timed(() => paragraphs.reduce((sum, p) => sum + fast.count(p), 0));
const mismatches = paragraphs.filter((_, i) => (cold.value[i] ?? []).join() !== (reference.value[i] ?? []).join()).length;
const warmMismatches = paragraphs.filter((_, i) => (warm.value[i] ?? []).join() !== (reference.value[i] ?? []).join()).length;

const o200k = await getTokenizer("o200k_base");
const o200kCold = timed(() => paragraphs.map((p) => o200k.encode(p))); // gpt-tokenizer has its own merge cache
const o200kEncode = timed(() => paragraphs.map((p) => o200k.encode(p)));
const o200kCount = timed(() => paragraphs.reduce((sum, p) => sum + o200k.count(p), 0));

const segmenter = createMistralTokenizer(ref);
const segmentCold = timed(() => texts.reduce((n, t) => n + segmentDocument(t, segmenter).length, 0));
const segmentWarm = timed(() => texts.reduce((n, t) => n + segmentDocument(t, segmenter).length, 0));

const rows: [string, number][] = [
  ["mistral-tokenizer-js (reference)", mbps(reference.seconds)],
  ["mistral fast path, cold cache", mbps(cold.seconds)],
  ["mistral fast path, warm cache", mbps(warm.seconds)],
  ["mistral fast path count(), warm", mbps(warmCount.seconds)],
  ["o200k_base encode, cold", mbps(o200kCold.seconds)],
  ["o200k_base encode, warm", mbps(o200kEncode.seconds)],
  ["o200k_base count(), warm", mbps(o200kCount.seconds)],
  ["IN2 segmentation (mistral), cold", mbps(segmentCold.seconds)],
  ["IN2 segmentation (mistral), warm", mbps(segmentWarm.seconds)],
];

const summary = {
  date: new Date().toISOString(),
  node: process.version,
  cores: cpus().length,
  paragraphs: paragraphs.length,
  megabytes: Number(megabytes.toFixed(3)),
  mistralTokens: warmCount.value,
  referenceMBps: mbps(reference.seconds),
  fastColdMBps: mbps(cold.seconds),
  fastWarmMBps: mbps(warm.seconds),
  fastCountWarmMBps: mbps(warmCount.seconds),
  speedupCold: Number((reference.seconds / cold.seconds).toFixed(1)),
  speedupWarm: Number((reference.seconds / warm.seconds).toFixed(1)),
  mismatchingParagraphs: mismatches + warmMismatches,
  o200kColdMBps: mbps(o200kCold.seconds),
  o200kWarmMBps: mbps(o200kEncode.seconds),
  o200kCountMBps: mbps(o200kCount.seconds),
  segments: segmentWarm.value,
  segmentColdMBps: mbps(segmentCold.seconds),
  segmentWarmMBps: mbps(segmentWarm.seconds),
};

console.log(`demo corpus: ${paragraphs.length} paragraphs, ${megabytes.toFixed(2)} MB UTF-8, ${cpus().length} cores`);
console.log(`${"".padEnd(36)}  MB/s`);
for (const [label, value] of rows) console.log(`${label.padEnd(36)}${value.toFixed(2).padStart(8)}`);
console.log(`speedup vs reference: ${summary.speedupCold}× cold, ${summary.speedupWarm}× warm`);
console.log(`paragraphs whose ids differ from the reference: ${summary.mismatchingParagraphs}`);
console.log(JSON.stringify(summary));
if (summary.mismatchingParagraphs !== 0) process.exitCode = 1;
