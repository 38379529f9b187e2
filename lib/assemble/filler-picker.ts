import type { Rng } from "@/lib/random";
import { appendCost, type JoinCost } from "./token-estimate";
import type { FillerSource, SegmentRef } from "./types";

/** Draw rounds before giving up: a healthy pool fills a 32K context in one or two. */
const MAX_ROUNDS = 64;
/** Fillers asked for per draw, at most; the estimate of what is still needed decides below that. */
const MAX_BATCH = 512;
/**
 * How far (in tokens) a context may land from its drawn target. About half a typical ~160-token segment: small
 * next to the 4K–32K range, so lengths stay uniform, and wide enough that most fillers fit the last gap.
 */
export const TOLERANCE = 96;

/**
 * Draws fillers for one context and keeps the running token estimate. Rejects duplicates, segments from
 * excluded documents (the caller's pool should already skip them; this is the guarantee) and leaking text.
 */
export class FillerPicker {
  private readonly used = new Set<number>();
  private meanTokens = 160;
  estimate: number;
  rejectedLeaks = 0;

  constructor(
    private readonly source: FillerSource,
    private readonly rng: Rng,
    private readonly exclude: Set<number>,
    private readonly leaks: (seg: SegmentRef) => boolean,
    private readonly cost: JoinCost,
    startEstimate: number,
    usedIds: Iterable<number>,
  ) {
    this.estimate = startEstimate;
    for (const id of usedIds) this.used.add(id);
  }

  /**
   * Adds fillers until the estimate lies within ±TOLERANCE of `goal` (and inside [min, max]). A filler that would
   * overshoot that window is skipped rather than used, so one 2,000-token paragraph cannot push a context far
   * from its drawn target; only small fillers are ever skipped for size, and only at the very end of the fill.
   * Returns the fillers added, in draw order.
   */
  fillTo(goal: number, min: number, max: number): SegmentRef[] {
    const added: SegmentRef[] = [];
    const low = Math.max(goal - TOLERANCE, min);
    let high = Math.min(goal + TOLERANCE, max);
    for (let round = 0; round < MAX_ROUNDS && this.estimate < low; round++) {
      // A pool of only huge fillers must still terminate: late rounds accept anything that fits under max.
      if (round === MAX_ROUNDS / 2) high = max;
      const need = Math.min(MAX_BATCH, Math.ceil((goal - this.estimate) / this.meanTokens) + 4);
      const batch = this.source.draw(this.rng, this.exclude, need);
      if (batch.length === 0) break;
      this.meanTokens = Math.max(16, batch.reduce((s, b) => s + b.tokenCount, 0) / batch.length);
      for (const seg of batch) {
        if (this.estimate >= low) break;
        if (this.used.has(seg.id) || this.exclude.has(seg.documentId)) continue;
        const add = appendCost(seg.tokenCount, this.cost);
        if (this.estimate + add > high) continue;
        if (this.leaks(seg)) {
          this.rejectedLeaks++;
          continue;
        }
        this.estimate += add;
        this.used.add(seg.id);
        added.push(seg);
      }
    }
    return added;
  }

  /** Forget a filler that the caller removed from the context. */
  release(seg: SegmentRef): void {
    this.used.delete(seg.id);
    this.estimate -= appendCost(seg.tokenCount, this.cost);
  }
}
