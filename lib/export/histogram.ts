import type { Histogram } from "@/lib/assemble";

/**
 * The same shape as lib/assemble's histogram(), filled one value at a time: an export of a million rows keeps
 * a handful of counters instead of a million numbers.
 */
export class StreamingHistogram {
  private readonly counts: number[];
  private below = 0;
  private above = 0;

  constructor(private readonly bins: number, private readonly lo: number, private readonly hi: number) {
    if (!Number.isInteger(bins) || bins < 1 || !(hi > lo)) throw new RangeError("StreamingHistogram: need bins >= 1 and hi > lo");
    this.counts = new Array<number>(bins).fill(0);
  }

  add(v: number): void {
    if (v < this.lo) this.below++;
    else if (v > this.hi) this.above++;
    else {
      const i = Math.min(this.bins - 1, Math.floor(((v - this.lo) / (this.hi - this.lo)) * this.bins));
      this.counts[i] = (this.counts[i] ?? 0) + 1;
    }
  }

  toJSON(): Histogram {
    const width = (this.hi - this.lo) / this.bins;
    const inRange = this.counts.reduce((a, b) => a + b, 0);
    return {
      bins: this.counts.map((count, i) => ({
        start: this.lo + i * width, end: i === this.bins - 1 ? this.hi : this.lo + (i + 1) * width, count,
      })),
      below: this.below,
      above: this.above,
      uniformExpected: inRange / this.bins,
    };
  }
}
