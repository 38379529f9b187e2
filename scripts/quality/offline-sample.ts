/**
 * Offline pairs from a corpus file, without a database: the corpus is segmented as import does (Mistral, 128,
 * cut at 256), items are drawn like generation's (single: one segment; multi: 2–4 consecutive segments of one
 * document) by a seeded hash of the segment's content, and the offline generator answers them. Used to label a
 * sample by hand (docs/offline-pairs-review.md) and to measure quality-check false positives (docs/benchmarks.md).
 *
 *   npx tsx scripts/quality/offline-sample.ts [--file data/demo/c4-realnewslike-1000.jsonl.gz] [--n 300]
 *     [--flatten] [--seed 1] [--out FILE.jsonl]
 */
import crypto from "node:crypto";
import fs from "node:fs";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import { offlinePair } from "@/lib/generate/offline";
import { segmentDocument } from "@/lib/segment";
import { getTokenizer } from "@/lib/tokenize";

export interface SamplePair {
  n: number; type: "single" | "multi"; key: string; question: string; answer: string; support: string[]; pieces: number[];
  evidence: { piece: number; text: string }[];
}

export async function offlineSample(o: { file: string; n: number; flatten: boolean; seed: string; maxDocs?: number }): Promise<{ pairs: SamplePair[]; items: number }> {
  const tokenizer = await getTokenizer("mistral");
  let texts = readTexts(o.file);
  if (o.maxDocs) texts = texts.slice(0, o.maxDocs);
  if (o.flatten) texts = texts.map((t) => t.replace(/\s*\n\s*/g, " "));
  const h = (s: string) => crypto.createHash("sha256").update(`${o.seed}\u0000${s}`).digest().readUInt32BE(0);
  const items: { type: "single" | "multi"; key: string; texts: string[] }[] = [];
  for (const text of texts) {
    const segs = segmentDocument(text, tokenizer, 128, 256).map((s) => s.text);
    for (const s of segs) items.push({ type: "single", key: `single|${h(s)}`, texts: [s] });
    for (let i = 0; i + 1 < segs.length; i += 2) {
      const group = segs.slice(i, i + 2 + (h(segs[i]!) % 3));
      items.push({ type: "multi", key: `multi|${h(group.join("\u0001"))}`, texts: group });
    }
  }
  items.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const pairs: SamplePair[] = [];
  let tried = 0;
  // a third multi, as the default generation mix asks for both kinds
  const want = { single: Math.ceil((o.n * 2) / 3), multi: Math.floor(o.n / 3) };
  for (const item of items) {
    if (pairs.length >= o.n) break;
    if (pairs.filter((p) => p.type === item.type).length >= want[item.type]) continue;
    tried++;
    const qa = offlinePair(item.type, item.texts, item.key);
    if (!qa) continue;
    pairs.push({ n: pairs.length + 1, type: item.type, key: item.key, ...qa, evidence: item.texts.map((text, i) => ({ piece: i + 1, text })) });
  }
  return { pairs, items: tried };
}

/** `text` of every JSON line of a plain or gzipped JSON Lines file. */
export function readTexts(file: string): string[] {
  const raw = fs.readFileSync(file);
  const body = raw[0] === 0x1f && raw[1] === 0x8b ? zlib.gunzipSync(raw) : raw;
  return body.toString("utf8").split("\n").filter((l) => l.trim()).map((l) => (JSON.parse(l) as { text: string }).text);
}

if (process.argv[1]?.endsWith("offline-sample.ts")) {
  const { values } = parseArgs({ options: {
    file: { type: "string", default: "data/demo/c4-realnewslike-1000.jsonl.gz" }, n: { type: "string", default: "300" },
    flatten: { type: "boolean", default: false }, seed: { type: "string", default: "1" }, out: { type: "string" },
  } });
  const t0 = performance.now();
  const { pairs, items } = await offlineSample({ file: values.file!, n: Number(values.n), flatten: values.flatten!, seed: values.seed! });
  const ms = performance.now() - t0;
  if (values.out) fs.writeFileSync(values.out, pairs.map((p) => JSON.stringify(p)).join("\n") + "\n");
  console.log(JSON.stringify({ pairs: pairs.length, items, yield: +(pairs.length / items).toFixed(3), ms: Math.round(ms) }));
}
