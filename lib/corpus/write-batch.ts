import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { BinaryCopyWriter } from "@/lib/db/binary-copy";
import { pool } from "@/lib/db/client";
import { hashTextExtended, hashTextExtendedInt8 } from "@/lib/db/pg-hash";
import { codePointLength } from "@/lib/text/code-points";
import type { CutDoc } from "./cut";

/** A document read, checked and hashed by the importer, waiting to be cut and written; `meta` is its other fields as JSON */
export interface Pending { sha: string; text: string; meta: string; file: string; line: number }

/**
 * Writes a batch with COPY (issue 14 lever: no parameter arrays to bind and unnest): document ids are drawn from
 * the sequence first so segments can name them, and segment key hashes, hashtextextended("<sha256>:<index>", 0),
 * are computed here (lib/db/pg-hash.ts) when this server's own agrees on a probe, else by the server in one small
 * query. Documents were checked against the corpus in newDocuments; if another import wrote one of them since (a
 * unique violation), the batch is written again through INSERT … ON CONFLICT.
 *
 * synchronous_commit is off for these transactions (issue 14 lever): a crash can lose the last batches
 * reported as committed, never corrupt anything, and a re-run of the import adds exactly what is missing.
 */
export async function writeBatch(corpusId: number, docs: Pending[], cut: CutDoc[], ready: boolean) {
  const local = process.env.IN2_IMPORT_KEY_HASH !== "server" && (await keyHashesHere());
  const client = await pool().connect();
  try {
    // BEGIN and the commit mode in one round trip (a simple query may hold several statements)
    await client.query(`BEGIN${process.env.IN2_IMPORT_SYNC_COMMIT !== "1" ? "; SET LOCAL synchronous_commit = off" : ""}`);
    const { rows: idRows } = await client.query<{ id: string }>(
      `SELECT nextval(pg_get_serial_sequence('document', 'id')) AS id FROM generate_series(1, $1)`, [docs.length]);
    const segmentCount = cut.reduce((n, c) => n + c.segments.length, 0);
    let serverHashes: { h: string }[] = [];
    if (!local) {
      const keys: string[] = [];
      for (const [i, c] of cut.entries()) for (let k = 0; k < c.segments.length; k++) keys.push(`${docs[i]!.sha}:${k}`);
      serverHashes = (await client.query<{ h: string }>(
        `SELECT hashtextextended(k, 0)::text AS h FROM unnest($1::text[]) WITH ORDINALITY AS u(k, o) ORDER BY o`, [keys])).rows;
    }
    // binary COPY rows built in place (lib/db/binary-copy.ts): no escaping, no long string to flatten and encode
    // sized for mostly-ASCII text (UTF-8 bytes ≈ UTF-16 units) plus each row's fixed fields, so most batches never grow
    const chars = docs.reduce((n, d) => n + d.text.length + d.meta.length, 0);
    const docRows = new BinaryCopyWriter(Math.ceil(chars * 1.05) + docs.length * 160);
    const segRows = new BinaryCopyWriter(Math.ceil(chars * 1.05) + segmentCount * 96);
    let tokenSum = 0;
    let k = 0;
    for (const [i, c] of cut.entries()) {
      const d = docs[i]!;
      const id = Number(idRows[i]!.id);
      tokenSum += c.tokens;
      docRows.row(10).int4(id).int4(corpusId).text(d.sha).text(d.text).jsonb(d.meta)
        .int4(c.chars).int4(c.tokens).int4(c.segments.length).text(d.file).int4(d.line);
      for (const [index, s] of c.segments.entries()) {
        segRows.row(10).int4(id).int4(corpusId).int4(index).text(s.text).int4(s.tokenCount).int4(s.charStart).int4(s.charEnd).text(s.sepBefore);
        if (local) segRows.int8Halves(...hashTextExtended(`${d.sha}:${index}`));
        else segRows.int8(serverHashes[k++]!.h);
        segRows.bool(ready);
      }
    }
    await copyIn(client, `COPY document (id, corpus_id, sha256, text, meta, char_count, token_count, segment_count, source_file, source_line) FROM STDIN (FORMAT binary)`, docRows.finish());
    if (segmentCount) await copyIn(client, `COPY segment (document_id, corpus_id, index, text, token_count, char_start, char_end, sep_before, key_hash, search_ready) FROM STDIN (FORMAT binary)`, segRows.finish());
    await client.query(
      `UPDATE corpus SET document_count = document_count + $2, segment_count = segment_count + $3, token_count = token_count + $4 WHERE id = $1`,
      [corpusId, docs.length, segmentCount, tokenSum]);
    await client.query("COMMIT");
    return { imported: docs.length, segments: segmentCount };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    if ((err as { code?: string }).code === "23505") return writeBatchInsert(corpusId, docs, cut, ready);
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Whether this server's hashtextextended is the one lib/db/pg-hash.ts computes (a big-endian server or another
 * hash would differ): asked once per process, on keys of every tail length.
 */
function keyHashesHere(): Promise<boolean> {
  return (keyHashProbe ??= (async () => {
    const probes = Array.from({ length: 24 }, (_, n) => `${"0123456789abcdef".repeat(4)}:${"7".repeat(n)}`);
    const { rows } = await pool().query<{ h: string }>(
      `SELECT hashtextextended(k, 0)::text AS h FROM unnest($1::text[]) WITH ORDINALITY AS u(k, o) ORDER BY o`, [probes]);
    return probes.every((k, i) => hashTextExtendedInt8(k).toString() === rows[i]!.h);
  })().catch(() => false));
}
let keyHashProbe: Promise<boolean> | null = null;

async function copyIn(client: PoolClient, sql: string, data: Buffer) {
  await pipeline(Readable.from([data]), client.query(copyFrom(sql)));
}

/** The INSERT … ON CONFLICT path: tolerates documents written concurrently by another import. */
async function writeBatchInsert(corpusId: number, docs: Pending[], cutDocs: CutDoc[], ready: boolean) {
  const cut = docs.map((d, i) => ({ doc: d, segments: cutDocs[i]!.segments.map((s, index) => ({ ...s, index })), tokens: cutDocs[i]!.tokens }));
  const client = await pool().connect();
  try {
    await client.query("BEGIN");
    const { rows: inserted } = await client.query<{ id: number; sha256: string }>(
      `INSERT INTO document (corpus_id, sha256, text, meta, char_count, token_count, segment_count, source_file, source_line)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::jsonb[], $5::int[], $6::int[], $7::int[], $8::text[], $9::int[])
       ON CONFLICT (corpus_id, sha256) DO NOTHING RETURNING id, sha256`,
      [corpusId, cut.map((c) => c.doc.sha), cut.map((c) => c.doc.text), cut.map((c) => c.doc.meta),
        cut.map((c) => codePointLength(c.doc.text)), cut.map((c) => c.tokens), cut.map((c) => c.segments.length),
        cut.map((c) => c.doc.file), cut.map((c) => c.doc.line)]);
    const idBySha = new Map(inserted.map((r) => [r.sha256, r.id]));
    const seg = { doc: [] as number[], index: [] as number[], text: [] as string[], tokens: [] as number[], start: [] as number[], end: [] as number[], sep: [] as string[] };
    let tokenSum = 0;
    for (const c of cut) {
      const id = idBySha.get(c.doc.sha);
      if (id === undefined) continue; // inserted concurrently by another importer
      tokenSum += c.tokens;
      for (const s of c.segments) {
        seg.doc.push(id); seg.index.push(s.index); seg.text.push(s.text); seg.tokens.push(s.tokenCount);
        seg.start.push(s.charStart); seg.end.push(s.charEnd); seg.sep.push(s.sepBefore);
      }
    }
    if (seg.doc.length) {
      await client.query(
        `INSERT INTO segment (document_id, corpus_id, index, text, token_count, char_start, char_end, sep_before, key_hash, search_ready)
         SELECT d, $1, i, t, n, s, e, p, hashtextextended((SELECT sha256 FROM document WHERE id = d) || ':' || i, 0), $9
         FROM unnest($2::int[], $3::int[], $4::text[], $5::int[], $6::int[], $7::int[], $8::text[]) AS u(d, i, t, n, s, e, p)`,
        [corpusId, seg.doc, seg.index, seg.text, seg.tokens, seg.start, seg.end, seg.sep, ready]);
    }
    await client.query(
      `UPDATE corpus SET document_count = document_count + $2, segment_count = segment_count + $3, token_count = token_count + $4 WHERE id = $1`,
      [corpusId, inserted.length, seg.doc.length, tokenSum]);
    await client.query("COMMIT");
    return { imported: inserted.length, segments: seg.doc.length };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
