import { createRng, deriveSeed, type Rng } from "@/lib/random";
import { buildSpans, evidenceDepths, type Placed } from "./build-spans";
import { FillerPicker } from "./filler-picker";
import { segmentLeakDetector } from "./leak";
import { standardOf } from "./segment-facts";
import { assembleShort } from "./short-context";
import { estimateJoined, joinCost } from "./token-estimate";
import {
  AssemblyError,
  AttemptDiscarded,
  type AssembleInput,
  type AssembleOptions,
  type AssembledContext,
  type CountingTokenizer,
  type FillerSource,
  type SegmentRef,
} from "./types";

/** Re-count-and-repair rounds; one is the norm, more only when the tokenizer is far from additive. */
const MAX_REPAIRS = 8;
/** One instance for every discarded attempt: thrown thousands of times a run, it need not capture a stack each time. */
const DISCARDED = new AttemptDiscarded();

/**
 * Builds one pair's context with the IN2 recipe: with probability shortRatio the original document; otherwise
 * the evidence segment(s) shuffled together with fillers from other documents up to a length drawn uniformly in
 * [minTokens, maxTokens], the final string's real token count guaranteed to lie in that range.
 *
 * Randomness comes from a stream derived from (seed, pairId) alone, so a pair gets the same context whatever
 * order or worker assembles it. Draw order within the stream: the short/long coin, the target, then fillers.
 */
export function assembleContext(
  input: AssembleInput,
  filler: FillerSource,
  tokenizer: CountingTokenizer,
  opts: AssembleOptions,
): AssembledContext {
  validate(opts);
  const rng = createRng(deriveSeed(opts.seed, input.key ?? `pair:${input.pairId}`));
  const isShort = rng.next() < opts.shortRatio;
  const target = rng.int(opts.minTokens, opts.maxTokens);
  const evidence = [...input.evidence].sort((a, b) => a.piece - b.piece);
  if (!evidence.some((e) => e.needed !== false)) throw new AssemblyError("invalid_options", `Pair ${input.pairId} has no evidence segments.`);
  if (isShort) return assembleShort(input, evidence, tokenizer, String(opts.seed));
  return assembleLong(input, evidence, filler, tokenizer, opts, rng, target);
}

function assembleLong(
  input: AssembleInput,
  evidence: AssembleInput["evidence"],
  filler: FillerSource,
  tokenizer: CountingTokenizer,
  opts: AssembleOptions,
  rng: Rng,
  target: number,
): AssembledContext {
  const { minTokens: min, maxTokens: max } = opts;
  const separator = opts.separator ?? "\n";
  const cost = joinCost(tokenizer, separator);
  const start = estimateJoined(evidence.map((e) => e.tokenCount), cost);
  if (start > max) {
    const message = `Pair ${input.pairId}: the evidence alone has ~${start} tokens, more than ${max}.`;
    throw new AssemblyError("evidence_too_long", message);
  }
  const exclude = new Set([input.sourceDocument.id, ...evidence.map((e) => e.documentId)]);
  const leaks = segmentLeakDetector(input.answer, input.support);
  const picker = new FillerPicker(filler, rng, exclude, leaks, cost, start, evidence.map((e) => e.id));

  const fillers: Placed[] = picker.fillTo(target, min, max).map((seg) => ({ seg, piece: null, role: "filler" as const }));
  // One uniform shuffle of keys, sources and fillers together: every evidence segment (each piece on its own)
  // lands in a uniformly random slot, independent of the others; source segments are shuffled in like fillers.
  const pieces: Placed[] = evidence.map((e) => ({ seg: e, piece: e.piece, role: e.needed === false ? ("source" as const) : ("evidence" as const) }));
  let order: Placed[] = rng.shuffle([...pieces, ...fillers]);

  const additive = tokenizer.newlineAdditivity;
  const holds = additive?.holds && additive.separatorTokens === cost.separator && cost.overhead === 0 ? standardTest(tokenizer) : undefined;
  let additiveJoin = false;
  const countJoined = (parts: Placed[]): number => {
    // For a tokenizer additive across "\n" the count of the join IS the sum of the parts' counts (the stored
    // segment counts), so the ~75 KB string need not be built and tokenized: the same number, without the cost.
    additiveJoin = holds !== undefined && parts.every((p) => holds(p.seg));
    return additiveJoin ? estimateJoined(parts.map((p) => p.seg.tokenCount), cost) : tokenizer.count(parts.map((p) => p.seg.text).join(separator));
  };
  let total = countJoined(order);
  for (let repair = 0; repair < MAX_REPAIRS && (total < min || total > max); repair++) {
    // The estimate was off by `residual` tokens; correct the goal by it and add or remove fillers.
    const residual = total - picker.estimate;
    const before = order.length;
    if (total > max) order = removeFillers(order, picker, rng, max - residual);
    else order = insertFillers(order, picker, rng, target - residual, min - residual, max - residual);
    if (order.length === before) break; // nothing left to remove or add: recounting would not change anything
    total = countJoined(order);
  }
  // an attempt that drew stand-ins for segments not fetched yet is thrown away by the source's caller: what it
  // needed is known by now (the draws are done), the spans would be built for nothing
  if (filler.discarded?.()) throw DISCARDED;
  if (total < min || total > max) {
    const reason = picker.estimate < min ? "filler_exhausted" : "length_unreachable";
    throw new AssemblyError(reason, `Pair ${input.pairId}: context has ${total} tokens, outside [${min}, ${max}].`);
  }

  const spans = buildSpans(order, total, cost);
  const exact = additiveJoin && spans.at(-1)?.tokenEnd === total;
  return {
    pairId: input.pairId,
    kind: "long",
    targetTokens: target,
    totalTokens: total,
    spans,
    evidenceDepths: evidenceDepths(spans, total),
    tokenOffsets: exact ? "exact" : "estimated",
    seed: String(opts.seed),
    sourceDocumentId: input.sourceDocument.id,
    leakyFillersRejected: picker.rejectedLeaks,
  };
}

/** The tokenizer's additivity test on a segment's text, kept with the segment (segment-facts.ts). */
function standardTest(tokenizer: CountingTokenizer): (seg: SegmentRef) => boolean {
  const holds = tokenizer.newlineAdditivity?.holds?.bind(tokenizer.newlineAdditivity) ?? (() => false);
  return (seg) => standardOf(seg, tokenizer, holds);
}

/** Removes uniformly chosen fillers until the estimate is at most `goal` (removing at random keeps slots uniform). */
function removeFillers(order: Placed[], picker: FillerPicker, rng: Rng, goal: number): Placed[] {
  const out = [...order];
  do {
    const fillerIdx = out.flatMap((s, i) => (s.role === "filler" ? [i] : []));
    if (fillerIdx.length === 0) break;
    const [removed] = out.splice(rng.pick(fillerIdx), 1);
    if (removed) picker.release(removed.seg);
  } while (picker.estimate > goal);
  return out;
}

/** Adds fillers at uniformly random slots (which keeps the permutation uniform) until the estimate reaches goal. */
function insertFillers(
  order: Placed[],
  picker: FillerPicker,
  rng: Rng,
  goal: number,
  min: number,
  max: number,
): Placed[] {
  const out = [...order];
  for (const seg of picker.fillTo(goal, min, max)) out.splice(rng.int(0, out.length), 0, { seg, piece: null, role: "filler" });
  return out;
}

function validate(opts: AssembleOptions): void {
  const { minTokens, maxTokens, shortRatio } = opts;
  const invalid = (message: string) => new AssemblyError("invalid_options", message);
  if (!Number.isInteger(minTokens) || !Number.isInteger(maxTokens) || minTokens < 1 || maxTokens < minTokens) {
    throw invalid(`Need integer token bounds with 1 <= min <= max (got ${minTokens}, ${maxTokens}).`);
  }
  if (!(shortRatio >= 0 && shortRatio <= 1)) throw invalid(`shortRatio must be in [0, 1] (got ${shortRatio}).`);
  if ((opts.separator ?? "\n") !== "\n") throw invalid('Only the "\\n" separator is supported.');
}
