import type { PoolClient } from "pg";
import { BinaryCopyReader, type CopyTuple, type PiecewiseTuple } from "./binary-copy";

// backend message codes met during COPY OUT (https://www.postgresql.org/docs/current/protocol-message-formats.html)
const COPY_DATA = 0x64; // 'd'
const COPY_DONE = 0x63; // 'c'
const PASSED_OVER = new Set([0x48 /* 'H' CopyOutResponse */, 0x4e /* 'N' notice */, 0x53 /* 'S' parameter */, 0x41 /* 'A' notification */]);

interface Connection {
  stream: NodeJS.ReadableStream & { listeners(e: "data"): ((b: Buffer) => void)[] };
  query(text: string): void;
}

/**
 * `COPY … TO STDOUT (FORMAT binary)` read straight off the connection's socket: each row goes to `onRow` as soon as
 * its last byte arrives, its fields views of the received socket chunks (lib/db/binary-copy.ts joins only a field
 * that straddles two reads). pg-copy-streams, which this replaces for reads, re-joins what it reads twice over: its
 * paused socket hands back every buffered read joined into one buffer, and it joins the CopyData of a read again
 * before pushing it on (~0.3 s of copying per 200 MB exported). Like it, this takes the socket's `data` events
 * from pg's parser for the COPY's duration and hands back whatever follows CopyDone (or an ErrorResponse) to pg,
 * which then settles the query as usual.
 *
 * An error thrown by `onRow` stops the rows but not the reading: the COPY runs to its end, so the connection
 * returns to the pool in a clean state, and the promise rejects with that error. Resolves with the row count.
 * `piecewise`: a field that straddles reads comes as its pieces (see BinaryCopyReader), not joined.
 */
export function copyOutRows(client: PoolClient, sql: string, onRow: (row: CopyTuple) => void): Promise<number>;
export function copyOutRows(client: PoolClient, sql: string, onRow: (row: PiecewiseTuple) => void, piecewise: true): Promise<number>;
export function copyOutRows(client: PoolClient, sql: string, onRow: (row: never) => void, piecewise = false): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const reader = new BinaryCopyReader<PiecewiseTuple>(piecewise);
    let rows = 0;
    let failure: unknown;
    let settled = false;
    const settle = (err: unknown) => {
      if (settled) return;
      settled = true;
      if (err) reject(err);
      else resolve(rows);
    };
    // framing state: the current message's code and how many of its bytes are still to come
    let header: Buffer | null = null;
    let headerGot = 0;
    let code = 0;
    let left = 0;
    let connection: Connection;
    let pgHandler: (b: Buffer) => void;

    const deliver = (piece: Buffer) => {
      if (failure) return;
      try {
        for (const row of reader.push(piece)) {
          rows++;
          onRow(row as never);
        }
      } catch (err) {
        failure = err;
      }
    };

    // the socket back to pg's parser (once), with what followed the COPY's last message
    let attached = false;
    const handBack = (rest: Buffer) => {
      if (!attached) return;
      attached = false;
      connection.stream.removeListener("data", onData);
      connection.stream.on("data", pgHandler);
      if (rest.length) pgHandler(rest);
    };

    const onData = (chunk: Buffer) => {
      let at = 0;
      while (at < chunk.length) {
        if (left > 0) {
          const n = Math.min(left, chunk.length - at);
          if (code === COPY_DATA) deliver(chunk.subarray(at, at + n));
          at += n;
          left -= n;
          continue;
        }
        if (headerGot === 0) {
          // a message pg must see: an error, or the end of the COPY (CopyDone is ours; what follows is pg's)
          const c = chunk[at]!;
          if (c !== COPY_DATA && c !== COPY_DONE && !PASSED_OVER.has(c)) return handBack(chunk.subarray(at));
        }
        // the 5-byte header (code, length including itself) may straddle reads
        if (headerGot === 0 && chunk.length - at >= 5) {
          code = chunk[at]!;
          left = chunk.readUInt32BE(at + 1) - 4;
          at += 5;
        } else {
          header ??= Buffer.alloc(5);
          while (headerGot < 5 && at < chunk.length) header[headerGot++] = chunk[at++]!;
          if (headerGot < 5) return;
          headerGot = 0;
          code = header[0]!;
          left = header.readUInt32BE(1) - 4;
        }
        if (code === COPY_DONE) return handBack(chunk.subarray(at));
      }
    };

    const query = {
      submit(c: Connection) {
        connection = c;
        const listeners = c.stream.listeners("data");
        if (listeners.length !== 1) throw new Error(`expected pg's one socket listener, found ${listeners.length}`);
        pgHandler = listeners[0]!;
        c.stream.removeListener("data", pgHandler);
        c.stream.on("data", onData);
        attached = true;
        c.query(sql);
      },
      handleError(err: Error) {
        // a failing COPY or a lost connection; pg calls handleReadyForQuery after an ErrorResponse too
        handBack(Buffer.alloc(0));
        settle(err);
      },
      handleCommandComplete() {},
      handleReadyForQuery() {
        if (failure) return settle(failure);
        try {
          reader.finish();
          settle(null);
        } catch (err) {
          settle(err);
        }
      },
      handleEmptyQuery() {},
      handleRowDescription() {
        failure ??= new Error("copyOutRows reads COPY … TO STDOUT (FORMAT binary) only");
      },
      handleDataRow() {},
    };
    (client as unknown as { query(q: unknown): void }).query(query);
  });
}
