/**
 * Parses PostgreSQL's binary COPY output (`COPY … TO STDOUT (FORMAT binary)`) of rows of int4 and text columns:
 * a text field is its UTF-8 bytes after a length, an int4 four big-endian bytes, so a row costs one string decode
 * and no per-field type parsing (the filler texts of a batch are ~22,000 rows of ~700 bytes). Chunks may end
 * anywhere; the unread tail is carried over.
 */
export class BinaryRows<T> {
  private tail: Buffer | null = null;
  private headerDone = false;
  private ended = false;
  readonly rows: T[] = [];

  /** `kinds[i]` is the type of column i; `make` turns one row's values into the caller's object. */
  constructor(private readonly kinds: readonly ("int4" | "text")[], private readonly make: (values: (number | string)[]) => T) {}

  parse(chunk: Buffer): void {
    const buf = this.tail ? Buffer.concat([this.tail, chunk]) : chunk;
    let at = 0;
    if (!this.headerDone) {
      // "PGCOPY\n\377\r\n\0", a flags int32, a header extension length and its bytes
      if (buf.length < 19) return void (this.tail = buf);
      const ext = buf.readUInt32BE(15);
      if (buf.length < 19 + ext) return void (this.tail = buf);
      if (buf.toString("latin1", 0, 11) !== "PGCOPY\n\xff\r\n\0") throw new Error("not a binary COPY stream");
      at = 19 + ext;
      this.headerDone = true;
    }
    const values: (number | string)[] = new Array(this.kinds.length);
    for (;;) {
      if (buf.length - at < 2) break;
      const fields = buf.readInt16BE(at);
      if (fields === -1) {
        this.ended = true;
        at += 2;
        break;
      }
      if (fields !== this.kinds.length) throw new Error(`binary COPY row with ${fields} fields, expected ${this.kinds.length}`);
      let p = at + 2;
      let complete = true;
      for (let i = 0; i < fields; i++) {
        if (buf.length - p < 4) { complete = false; break; }
        const len = buf.readInt32BE(p);
        p += 4;
        if (len < 0) throw new Error(`binary COPY: null in column ${i + 1}`);
        if (buf.length - p < len) { complete = false; break; }
        values[i] = this.kinds[i] === "int4" ? buf.readInt32BE(p) : buf.toString("utf8", p, p + len);
        p += len;
      }
      if (!complete) break;
      this.rows.push(this.make(values));
      at = p;
    }
    this.tail = at < buf.length ? buf.subarray(at) : null;
  }

  finish(): T[] {
    if (!this.ended || this.tail) throw new Error("binary COPY output ended inside a row");
    return this.rows;
  }
}
