/**
 * LSH buckets for MinHash bands in flat typed arrays: an open-addressing table from (band, key) to the newest
 * item, plus a per-(item, band) "next" chain to older items with the same key. A Map of small arrays held 2.8M
 * entries for 200k questions and spent seconds in allocation and GC; this stays in a few large buffers.
 */
export class BandIndex {
  private readonly mask: number;
  private readonly keys: Int32Array;
  private readonly bandOf: Int8Array;
  private readonly heads: Int32Array;
  private readonly sizes: Uint16Array;
  private readonly next: Int32Array;

  /** bands ≤ 127 (the table stores the band in a byte) */
  constructor(
    private readonly bands: number,
    items: number,
    private readonly maxBucket: number,
  ) {
    let capacity = 16;
    // load factor ≤ 2/3 keeps linear probing short (~46 MB for 200k questions × 14 bands)
    while (capacity < items * bands * 1.5) capacity *= 2;
    this.mask = capacity - 1;
    this.keys = new Int32Array(capacity);
    this.bandOf = new Int8Array(capacity).fill(-1);
    this.heads = new Int32Array(capacity);
    this.sizes = new Uint16Array(capacity);
    this.next = new Int32Array(Math.max(1, items * bands)).fill(-1);
  }

  private slot(band: number, key: number): number {
    let s = (Math.imul(key ^ Math.imul(band, 0x9e3779b1), 0x85ebca6b) >>> 0) & this.mask;
    while (this.bandOf[s] !== -1 && (this.bandOf[s] !== band || this.keys[s] !== key)) s = (s + 1) & this.mask;
    return s;
  }

  /** Calls visit for the items stored under (band, key), newest first. */
  forEach(band: number, key: number, visit: (item: number) => void): void {
    const s = this.slot(band, key);
    if (this.bandOf[s] === -1) return;
    for (let item = this.heads[s] ?? -1; item >= 0; item = this.next[item * this.bands + band] ?? -1) visit(item);
  }

  /** Stores item under (band, key) unless that bucket already holds maxBucket items. */
  add(band: number, key: number, item: number): void {
    const s = this.slot(band, key);
    if (this.bandOf[s] === -1) {
      this.bandOf[s] = band;
      this.keys[s] = key;
      this.heads[s] = item;
      this.sizes[s] = 1;
      return;
    }
    if ((this.sizes[s] ?? 0) >= this.maxBucket) return;
    this.next[item * this.bands + band] = this.heads[s] ?? -1;
    this.heads[s] = item;
    this.sizes[s] = (this.sizes[s] ?? 0) + 1;
  }
}
