import crypto from "node:crypto";

/**
 * The split of a document: a pure function of its content key (sha256 of its text) and the split seed, so the same
 * document lands in the same split in every database, export and run. The first 52 bits of
 * sha256(seed NUL key) give u in [0, 1); the split is the first whose cumulative fraction exceeds u, in name order
 * as given (train first by convention).
 */
export class SplitAssigner {
  readonly names: string[];
  private readonly bounds: number[];

  constructor(splits: Record<string, number>, private readonly seed: string) {
    this.names = Object.keys(splits);
    let acc = 0;
    this.bounds = this.names.map((n) => (acc += splits[n]!));
    this.bounds[this.bounds.length - 1] = 1;
  }

  /** u in [0, 1) of a content key under this seed */
  unit(key: string): number {
    const h = crypto.createHash("sha256").update(this.seed).update("\0").update(key).digest();
    return (h.readUIntBE(0, 6) * 16 + (h[6]! >> 4)) / 2 ** 52;
  }

  of(key: string): string {
    const u = this.unit(key);
    for (let i = 0; i < this.names.length; i++) if (u < this.bounds[i]!) return this.names[i]!;
    return this.names.at(-1)!;
  }
}

/**
 * Proves disjointness: records which splits each document was used in (as source or evidence, and as filler) and
 * counts documents seen in more than one split. Memory: one small entry per distinct document.
 */
export class DisjointnessLedger {
  private readonly docs = new Map<string, number>(); // key → bitmask of splits (source/evidence)
  private readonly fillers = new Map<string, number>(); // key → bitmask of splits a filler of theirs was used in
  constructor(private readonly names: string[]) {}

  use(split: string, docKeys: Iterable<string>, fillerKeys: Iterable<string>): void {
    const bit = 1 << this.names.indexOf(split);
    for (const k of docKeys) this.docs.set(k, (this.docs.get(k) ?? 0) | bit);
    for (const k of fillerKeys) this.fillers.set(k, (this.fillers.get(k) ?? 0) | bit);
  }

  report(assign: (key: string) => string) {
    const perSplit = Object.fromEntries(this.names.map((n) => [n, 0])) as Record<string, number>;
    let overlap = 0;
    for (const [, mask] of this.docs) {
      for (let i = 0; i < this.names.length; i++) if (mask & (1 << i)) perSplit[this.names[i]!]!++;
      if (mask & (mask - 1)) overlap++;
    }
    // fillers used in a split other than their own document's (assembly draws fillers from the whole corpus today)
    let fillerCross = 0;
    let fillerSourceOverlap = 0;
    for (const [k, mask] of this.fillers) {
      const own = 1 << this.names.indexOf(assign(k));
      if (mask & ~own) fillerCross++;
      const asDoc = this.docs.get(k);
      if (asDoc !== undefined && (mask | asDoc) & ((mask | asDoc) - 1)) fillerSourceOverlap++;
    }
    return { documents: perSplit, overlap_documents: overlap, filler_documents: this.fillers.size,
      filler_documents_outside_their_split: fillerCross, filler_documents_also_source_in_another_split: fillerSourceOverlap };
  }
}
