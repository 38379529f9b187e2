/**
 * Rows for `COPY … FROM STDIN (FORMAT binary)`, written straight into one growing buffer (issue 14: the import's
 * text-format rows were built as one long string per batch, which then had to be flattened and UTF-8 encoded by
 * `Buffer.from`: ~1 s of the main thread per 40 MB imported, plus an escaping regex per field and the garbage of
 * it all). Here each text is encoded once, in place, behind a length written afterwards; PostgreSQL reads the
 * fields without un-escaping or parsing numbers.
 *
 * Call `row(n)` and then exactly n field writers, in the table's column order of the COPY statement.
 */
export class BinaryCopyWriter {
  private buf: Buffer;
  private at = 0;

  constructor(initialBytes = 1 << 20) {
    this.buf = Buffer.allocUnsafe(Math.max(initialBytes, 64));
    // signature, flags (no OIDs), header extension length 0
    this.at = this.buf.write("PGCOPY\n\xff\r\n\0", 0, "latin1");
    this.at = this.buf.writeInt32BE(0, this.at);
    this.at = this.buf.writeInt32BE(0, this.at);
  }

  private room(bytes: number) {
    if (this.at + bytes <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(Math.ceil(this.buf.length * 1.5), this.at + bytes));
    this.buf.copy(grown, 0, 0, this.at);
    this.buf = grown;
  }

  row(fields: number): this {
    this.room(2);
    this.at = this.buf.writeInt16BE(fields, this.at);
    return this;
  }

  int4(v: number): this {
    this.room(8);
    this.at = this.buf.writeInt32BE(4, this.at);
    this.at = this.buf.writeInt32BE(v, this.at);
    return this;
  }

  /** an int8 given as a bigint or its decimal text (as `pg` returns bigint columns) */
  int8(v: bigint | string): this {
    this.room(12);
    this.at = this.buf.writeInt32BE(8, this.at);
    this.at = this.buf.writeBigInt64BE(typeof v === "bigint" ? v : BigInt(v), this.at);
    return this;
  }

  /** an int8 given as its high and low 32-bit halves (unsigned), e.g. from lib/db/pg-hash.ts */
  int8Halves(hi: number, lo: number): this {
    this.room(12);
    this.at = this.buf.writeInt32BE(8, this.at);
    this.at = this.buf.writeUInt32BE(hi, this.at);
    this.at = this.buf.writeUInt32BE(lo, this.at);
    return this;
  }

  bool(v: boolean): this {
    this.room(5);
    this.at = this.buf.writeInt32BE(1, this.at);
    this.buf[this.at++] = v ? 1 : 0;
    return this;
  }

  /** a text (or varchar) field: its UTF-8 bytes, the length written once they are */
  text(s: string): this {
    // a UTF-16 code unit is at most 3 UTF-8 bytes; only when that worst case does not fit is the exact size
    // counted, so the buffer grows when it must and not for every long text near its end (a copy each time)
    if (this.at + 4 + s.length * 3 > this.buf.length) this.room(4 + Buffer.byteLength(s, "utf8"));
    const n = this.buf.write(s, this.at + 4, "utf8");
    this.buf.writeInt32BE(n, this.at);
    this.at += 4 + n;
    return this;
  }

  /** a jsonb field from its JSON text (jsonb's binary format: version 1, then the text) */
  jsonb(json: string): this {
    if (this.at + 5 + json.length * 3 > this.buf.length) this.room(5 + Buffer.byteLength(json, "utf8"));
    this.buf[this.at + 4] = 1;
    const n = this.buf.write(json, this.at + 5, "utf8");
    this.buf.writeInt32BE(n + 1, this.at);
    this.at += 5 + n;
    return this;
  }

  null(): this {
    this.room(4);
    this.at = this.buf.writeInt32BE(-1, this.at);
    return this;
  }

  /** the whole COPY payload, trailer included (a view of the buffer: do not write after this) */
  finish(): Buffer {
    this.room(2);
    this.at = this.buf.writeInt16BE(-1, this.at);
    return this.buf.subarray(0, this.at);
  }
}
