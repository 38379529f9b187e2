import { BinaryCopyReader, type CopyTuple } from "@/lib/db/binary-copy";

/**
 * Rows of int4 and text columns from PostgreSQL's binary COPY output (`COPY … TO STDOUT (FORMAT binary)`): a text
 * field is its UTF-8 bytes after a length, an int4 four big-endian bytes, so a row costs one string decode and no
 * per-field type parsing (the filler texts of a batch are ~22,000 rows of ~700 bytes). Chunks may end anywhere
 * (lib/db/binary-copy.ts reads them).
 */
export class BinaryRows<T> {
  private readonly reader = new BinaryCopyReader();
  private chunked = false;
  readonly rows: T[] = [];

  /** `kinds[i]` is the type of column i; `make` turns one row's values into the caller's object. */
  constructor(private readonly kinds: readonly ("int4" | "text")[], private readonly make: (values: (number | string)[]) => T) {}

  /** Chunks of the COPY output cut anywhere (lib/db/binary-copy.ts reads them). */
  parse(chunk: Buffer): void {
    this.chunked = true;
    for (const fields of this.reader.push(chunk)) this.add(fields);
  }

  /** One row already read (lib/db/copy-out.ts's copyOutRows). */
  add(fields: CopyTuple): void {
    if (fields.length !== this.kinds.length) throw new Error(`binary COPY row with ${fields.length} fields, expected ${this.kinds.length}`);
    this.rows.push(this.make(fields.map((f, i) => {
      if (f === null) throw new Error(`binary COPY: null in column ${i + 1}`);
      return this.kinds[i] === "int4" ? f.readInt32BE(0) : f.toString("utf8");
    })));
  }

  finish(): T[] {
    if (this.chunked) this.reader.finish();
    return this.rows;
  }
}
