import { DEFAULT_MIN_TOKENS, segmentDocument } from "@/lib/segment/segment";
import { codePointLength } from "@/lib/text/code-points";
import { getTokenizer, type Tokenizer } from "@/lib/tokenize";

/** A batch of document texts to cut, sent to the segmentation thread (or cut in-process). */
export interface CutRequest { id: number; texts: string[] }

/**
 * How a batch was cut, as numbers only, so the segmentation thread's answer is one transferred buffer (no copy,
 * no per-string cloning; the writer slices the texts it already holds). Per document: code points, tokens,
 * segment count, then per segment: UTF-16 start and end in the document, tokens, code-point start and end.
 * A segment's separator is the text between the previous segment's end and its start (the document is exactly
 * `sepBefore + text` of its segments in order, lib/segment/segment.ts).
 */
export type CutNumbers = Int32Array;
const DOC_FIELDS = 3;
const SEG_FIELDS = 5;

const tokenizers = new Map<string, Promise<Tokenizer>>();

export async function cutDocuments(tokenizer: string, maxParagraphTokens: number, texts: string[]): Promise<CutNumbers> {
  let t = tokenizers.get(tokenizer);
  if (!t) tokenizers.set(tokenizer, (t = getTokenizer(tokenizer)));
  const tok = await t;
  // written straight into one scratch array kept between batches (a number[] of mixed values, then
  // Int32Array.from, was ~5% of the segmentation thread's CPU); the answer is an exact-size copy (transferred)
  let out = scratch;
  let n = 0;
  const room = (k: number) => {
    if (n + k <= out.length) return;
    const grown = new Int32Array(Math.max(out.length * 2, n + k));
    grown.set(out.subarray(0, n));
    scratch = out = grown;
  };
  for (const text of texts) {
    const segments = segmentDocument(text, tok, DEFAULT_MIN_TOKENS, maxParagraphTokens);
    room(DOC_FIELDS + segments.length * SEG_FIELDS);
    out[n++] = codePointLength(text); out[n++] = tok.count(text); out[n++] = segments.length;
    let pos = 0;
    for (const s of segments) {
      pos += s.sepBefore.length;
      out[n++] = pos; out[n++] = pos + s.text.length; out[n++] = s.tokenCount; out[n++] = s.charStart; out[n++] = s.charEnd;
      pos += s.text.length;
    }
  }
  return out.slice(0, n);
}
let scratch = new Int32Array(1 << 16);

export interface CutDoc { chars: number; tokens: number; segments: { text: string; sepBefore: string; tokenCount: number; charStart: number; charEnd: number }[] }

/** The documents of a batch rebuilt from their texts and the numbers the segmentation thread sent. */
export function readCut(texts: string[], nums: CutNumbers): CutDoc[] {
  const docs: CutDoc[] = [];
  let k = 0;
  for (const text of texts) {
    const chars = nums[k]!, tokens = nums[k + 1]!, n = nums[k + 2]!;
    k += DOC_FIELDS;
    const segments: CutDoc["segments"] = [];
    let prevEnd = 0;
    for (let i = 0; i < n; i++, k += SEG_FIELDS) {
      const start = nums[k]!, end = nums[k + 1]!;
      segments.push({ text: text.slice(start, end), sepBefore: text.slice(prevEnd, start), tokenCount: nums[k + 2]!, charStart: nums[k + 3]!, charEnd: nums[k + 4]! });
      prevEnd = end;
    }
    docs.push({ chars, tokens, segments });
  }
  if (k !== nums.length) throw new Error(`the segmentation thread's answer does not match its batch (${k} of ${nums.length} numbers read)`);
  return docs;
}
