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

/**
 * Reads `COPY … TO STDOUT (FORMAT binary)` output pushed in chunks cut anywhere. PostgreSQL sends a row per CopyData
 * message, so a row nearly always lies within one chunk and its fields are views of it, never copied; a row that
 * straddles chunks is joined once, when all of it has arrived (the rest waits, not re-joined chunk after chunk).
 */
export class BinaryCopyReader {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** bytes the unparsed rest must reach before parsing is worth trying again */
  private need = 0;
  private headerDone = false;
  private ended = false;

  /** The rows completed by this chunk. */
  push(chunk: Buffer): CopyTuple[] {
    const tuples: CopyTuple[] = [];
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes < this.need || this.ended) return tuples;
    const buf = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    let at = 0;
    let need = 0;
    if (!this.headerDone) {
      // the signature, a flags int32, a header extension length and its bytes
      const size = buf.length < 19 ? 19 : 19 + buf.readUInt32BE(15);
      if (buf.length < size) need = size;
      else {
        if (!buf.subarray(0, 11).equals(SIGNATURE)) throw new Error("not a binary COPY stream");
        at = size;
        this.headerDone = true;
      }
    }
    while (this.headerDone && !this.ended && need === 0) {
      if (buf.length - at < 2) { need = at + 2; break; }
      const n = buf.readInt16BE(at);
      if (n === -1) { this.ended = true; at += 2; break; }
      let p = at + 2;
      const fields: CopyTuple = new Array(n);
      for (let i = 0; i < n; i++) {
        if (buf.length - p < 4) { need = p + 4; break; }
        const len = buf.readInt32BE(p);
        p += 4;
        if (len === -1) fields[i] = null;
        else {
          if (buf.length - p < len) { need = p + len; break; }
          fields[i] = buf.subarray(p, p + len);
          p += len;
        }
      }
      if (need) break;
      tuples.push(fields);
      at = p;
    }
    this.need = need ? need - at : 0;
    const rest = buf.subarray(at);
    this.pending = rest.length ? [rest] : [];
    this.pendingBytes = rest.length;
    return tuples;
  }

  /** Throws unless the output ended with its trailer and nothing after it. */
  finish(): void {
    if (!this.ended || this.pendingBytes) throw new Error("binary COPY output ended inside a row");
  }
}

/** Every row of binary COPY output arriving in chunks (see BinaryCopyReader). */
export async function readCopyTuples(chunks: AsyncIterable<Buffer> | Iterable<Buffer>): Promise<CopyTuple[]> {
  const reader = new BinaryCopyReader();
  const tuples: CopyTuple[] = [];
  for await (const chunk of chunks) for (const t of reader.push(chunk)) tuples.push(t);
  reader.finish();
  return tuples;
}
