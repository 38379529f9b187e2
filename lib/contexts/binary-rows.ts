import type { CopyTuple } from "@/lib/db/binary-copy";

/**
 * Rows of int4 and text columns from PostgreSQL's binary COPY output (`COPY … TO STDOUT (FORMAT binary)`, read by
 * lib/db/copy-out.ts): a text field is its UTF-8 bytes, an int4 four big-endian bytes, so a row costs one string
 * decode and no per-field type parsing (the filler texts of a batch are ~22,000 rows of ~700 bytes).
 */
export class BinaryRows<T> {
  readonly rows: T[] = [];

  /** `kinds[i]` is the type of column i; `make` turns one row's values into the caller's object. */
  constructor(private readonly kinds: readonly ("int4" | "text")[], private readonly make: (values: (number | string)[]) => T) {}

  add(fields: CopyTuple): void {
    if (fields.length !== this.kinds.length) throw new Error(`binary COPY row with ${fields.length} fields, expected ${this.kinds.length}`);
    this.rows.push(this.make(fields.map((f, i) => {
      if (f === null) throw new Error(`binary COPY: null in column ${i + 1}`);
      return this.kinds[i] === "int4" ? f.readInt32BE(0) : f.toString("utf8");
    })));
  }
}
