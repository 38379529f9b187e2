/** The first 11 bytes of binary COPY data, either way */
const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");

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
    this.at = SIGNATURE.copy(this.buf, 0);
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

/** One row of binary COPY output: each field's bytes (a view of the received data), null for SQL NULL. */
export type CopyTuple = (Buffer | null)[];
/** A row from a reader that keeps straddling fields in pieces: such a field is its pieces in order, never joined. */
export type PiecewiseTuple = (Buffer | Buffer[] | null)[];

/**
 * Reads `COPY … TO STDOUT (FORMAT binary)` output pushed in pieces cut anywhere, as a resumable state machine: what a
 * piece completes is parsed once and never looked at again. A field lying within one piece is a view of it; only a
 * field that straddles pieces is joined, once, when its last byte arrives (the export's context texts are ~100 KB
 * and straddle socket reads: one copy of each, where joining whole rows or pieces copied every byte two or three
 * times); `piecewise` readers do not even join those but give their pieces (the export writes them out as they
 * are). Integers that straddle pieces are read byte by byte.
 */
export class BinaryCopyReader<T extends CopyTuple | PiecewiseTuple = CopyTuple> {
  private pieces: Buffer[] = [];
  /** read position in pieces[0] */
  private off = 0;
  private avail = 0;
  private phase: "header" | "extension" | "count" | "length" | "data" | "ended" = "header";
  /** header extension bytes still to skip */
  private skip = 0;
  private fields: PiecewiseTuple = [];
  private field = 0;
  private fieldLength = 0;
  private parts: Buffer[] = [];
  private got = 0;
  private trailing = 0;

  constructor(private readonly piecewise = false) {}

  /** The rows completed by this piece. */
  push(chunk: Buffer): T[] {
    const tuples: T[] = [];
    if (this.phase === "ended") {
      this.trailing += chunk.length;
      return tuples;
    }
    if (!chunk.length) return tuples;
    this.pieces.push(chunk);
    this.avail += chunk.length;
    for (;;) {
      if (this.phase === "data") {
        if (!this.readData()) break;
        this.nextField(tuples);
      } else if (this.phase === "length") {
        if (this.avail < 4) break;
        const n = this.int(4);
        if (n === -1) {
          this.fields[this.field] = null;
          this.nextField(tuples);
        } else if (n === 0) {
          this.fields[this.field] = EMPTY;
          this.nextField(tuples);
        } else {
          this.fieldLength = n;
          this.phase = "data";
        }
      } else if (this.phase === "count") {
        if (this.avail < 2) break;
        const n = this.int(2);
        if (n === -1) {
          this.phase = "ended";
          this.trailing = this.avail;
          this.pieces = [];
          break;
        }
        this.fields = new Array<Buffer | null>(n);
        this.field = 0;
        if (n === 0) tuples.push(this.fields as T);
        else this.phase = "length";
      } else if (this.phase === "header") {
        // the signature, a flags int32, a header extension length and its bytes
        if (this.avail < 19) break;
        const head = this.take(19);
        if (!head.subarray(0, 11).equals(SIGNATURE)) throw new Error("not a binary COPY stream");
        this.skip = head.readUInt32BE(15);
        this.phase = "extension";
      } else {
        const n = Math.min(this.skip, this.avail);
        if (n) this.take(n);
        this.skip -= n;
        if (this.skip) break;
        this.phase = "count";
      }
    }
    return tuples;
  }

  /** Throws unless the output ended with its trailer and nothing after it. */
  finish(): void {
    if (this.phase !== "ended" || this.trailing) throw new Error("binary COPY output ended inside a row");
  }

  private nextField(tuples: T[]) {
    if (++this.field < this.fields.length) this.phase = "length";
    else {
      tuples.push(this.fields as T);
      this.phase = "count";
    }
  }

  /** Moves what has arrived of the current field into it; true when the field is complete. */
  private readData(): boolean {
    while (this.avail) {
      const head = this.pieces[0]!;
      const n = Math.min(head.length - this.off, this.fieldLength - this.got);
      // the whole field in one piece: a view, no copy
      if (n === this.fieldLength) this.fields[this.field] = head.subarray(this.off, this.off + n);
      else this.parts.push(head.subarray(this.off, this.off + n));
      this.consume(n);
      this.got += n;
      if (this.got === this.fieldLength) {
        if (this.parts.length) this.fields[this.field] = this.piecewise ? this.parts : Buffer.concat(this.parts, this.fieldLength);
        this.parts = [];
        this.got = 0;
        return true;
      }
    }
    return false;
  }

  /** A big-endian signed integer of 2 or 4 bytes (avail checked by the caller). */
  private int(bytes: 2 | 4): number {
    const head = this.pieces[0]!;
    let v: number;
    if (head.length - this.off >= bytes) {
      v = bytes === 2 ? head.readInt16BE(this.off) : head.readInt32BE(this.off);
      this.consume(bytes);
    } else {
      const b = this.take(bytes);
      v = bytes === 2 ? b.readInt16BE(0) : b.readInt32BE(0);
    }
    return v;
  }

  /** The next n bytes (avail checked by the caller): a view when they lie in one piece, else joined. */
  private take(n: number): Buffer {
    const head = this.pieces[0]!;
    if (head.length - this.off >= n) {
      const b = head.subarray(this.off, this.off + n);
      this.consume(n);
      return b;
    }
    const out = Buffer.allocUnsafe(n);
    for (let at = 0; at < n;) {
      const p = this.pieces[0]!;
      const k = Math.min(p.length - this.off, n - at);
      p.copy(out, at, this.off, this.off + k);
      this.consume(k);
      at += k;
    }
    return out;
  }

  private consume(n: number) {
    this.off += n;
    this.avail -= n;
    if (this.off === this.pieces[0]!.length) {
      this.pieces.shift();
      this.off = 0;
    }
  }
}

const EMPTY = Buffer.alloc(0);

/** Every row of binary COPY output arriving in chunks (see BinaryCopyReader). */
export async function readCopyTuples(chunks: AsyncIterable<Buffer> | Iterable<Buffer>): Promise<CopyTuple[]> {
  const reader = new BinaryCopyReader();
  const tuples: CopyTuple[] = [];
  for await (const chunk of chunks) for (const t of reader.push(chunk)) tuples.push(t);
  reader.finish();
  return tuples;
}
