/**
 * Parses PostgreSQL COPY text output of non-negative integer columns (tab-separated, one row per line) into
 * Int32Arrays that grow by doubling: a million-row list costs its typed arrays, not a million row objects.
 * Chunks may end anywhere, even inside a number; the state carries over.
 */
export class IntColumns {
  private cols: Int32Array[];
  private rows = 0;
  private col = 0;
  private value = 0;
  private inValue = false;

  constructor(readonly width: number, capacity = 1 << 16) {
    this.cols = Array.from({ length: width }, () => new Int32Array(capacity));
  }

  parse(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (c >= 48 && c <= 57) {
        this.value = this.value * 10 + (c - 48);
        this.inValue = true;
      } else if (c === 9 || c === 10) {
        if (!this.inValue) throw new Error(`COPY row ${this.rows + 1}: empty or null value in column ${this.col + 1}`);
        this.put();
        if (c === 10) {
          if (this.col !== this.width) throw new Error(`COPY row ${this.rows + 1}: ${this.col} columns, expected ${this.width}`);
          this.rows++;
          this.col = 0;
        }
      } else {
        throw new Error(`COPY row ${this.rows + 1}: unexpected byte ${c} (only non-negative integers are expected)`);
      }
    }
  }

  /** The columns, trimmed to the rows read. */
  finish(): Int32Array[] {
    if (this.inValue || this.col !== 0) throw new Error("COPY output ended inside a row");
    return this.cols.map((c) => c.slice(0, this.rows));
  }

  private put(): void {
    if (this.col >= this.width) throw new Error(`COPY row ${this.rows + 1}: more than ${this.width} columns`);
    if (this.rows >= this.cols[0]!.length) this.cols = this.cols.map((c) => { const g = new Int32Array(c.length * 2); g.set(c); return g; });
    this.cols[this.col]![this.rows] = this.value;
    this.col++;
    this.value = 0;
    this.inValue = false;
  }
}
