import { AppError } from "@/lib/api/errors";
import { pool, withTransaction } from "@/lib/db/client";
import type { BuildResult, ExcludedExample, ProbeStyle } from "./types";

export interface ProbeSetRow {
  id: number; name: string; style: ProbeStyle; source: string; tokenizer: string; tokenBudget: number;
  setCount: number; binSize: number; seed: string; exampleCount: number; excludedCount: number;
  /** mean items per context (the paper: 800 sentences, 800 functions, 750 entities at 32K) */
  itemsPerContext: number; runCount: number; createdAt: string;
}

export interface NewProbeSet {
  name: string; style: ProbeStyle; source: string; tokenizer: string; tokenBudget: number;
  setCount: number; binSize?: number; seed: string; fileSha256?: string;
}

const COLUMNS = `s.id, s.name, s.style, s.source, s.tokenizer, s.token_budget AS "tokenBudget", s.set_count AS "setCount",
  s.bin_size AS "binSize", s.seed, s.example_count AS "exampleCount", s.excluded_count AS "excludedCount",
  coalesce((SELECT round(avg(c.item_count)) FROM probe_context c WHERE c.set_id = s.id),
           (SELECT max(e.item_count) FROM probe_example e WHERE e.set_id = s.id), 0)::int AS "itemsPerContext",
  (SELECT count(*) FROM probe_run r WHERE r.set_id = s.id)::int AS "runCount", s.created_at AS "createdAt"`;

/** Stores a built set (contexts, examples, the excluded positions) in one transaction; returns its row. */
export async function saveProbeSet(meta: NewProbeSet, built: BuildResult): Promise<ProbeSetRow> {
  const id = await withTransaction(async (client) => {
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO probe_set (name, style, source, tokenizer, token_budget, set_count, bin_size, seed, example_count,
         excluded_count, excluded, file_sha256)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [meta.name, meta.style, meta.source, meta.tokenizer, meta.tokenBudget, meta.setCount, meta.binSize ?? 50, meta.seed,
        built.examples.length, built.excluded.length, JSON.stringify(built.excluded satisfies ExcludedExample[]), meta.fileSha256 ?? null]);
    const setId = rows[0]!.id;
    for (const c of built.contexts) {
      await client.query(`INSERT INTO probe_context (set_id, set_index, text, item_count, token_count) VALUES ($1, $2, $3, $4, $5)`,
        [setId, c.setIndex, c.text, c.itemCount, c.tokenCount]);
    }
    // Set-based insert in chunks: a 32K set has ~3,200 examples.
    for (let i = 0; i < built.examples.length; i += 1000) {
      const chunk = built.examples.slice(i, i + 1000);
      await client.query(
        `INSERT INTO probe_example (set_id, set_index, position, item_count, key, question, answer, meta, prompt, prompt_tokens)
         SELECT $1, * FROM unnest($2::int[], $3::int[], $4::int[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::text[], $10::int[])`,
        [setId, chunk.map((e) => e.setIndex), chunk.map((e) => e.position), chunk.map((e) => e.itemCount), chunk.map((e) => e.key),
          chunk.map((e) => e.question), chunk.map((e) => e.answer), chunk.map((e) => JSON.stringify(e.meta)),
          chunk.map((e) => e.prompt ?? null), chunk.map((e) => e.promptTokens)]);
    }
    return setId;
  });
  return getProbeSet(id);
}

export async function listProbeSets(): Promise<ProbeSetRow[]> {
  const { rows } = await pool().query<ProbeSetRow>(`SELECT ${COLUMNS} FROM probe_set s ORDER BY s.id DESC LIMIT 200`);
  return rows;
}

export async function getProbeSet(id: number): Promise<ProbeSetRow> {
  const { rows } = await pool().query<ProbeSetRow>(`SELECT ${COLUMNS} FROM probe_set s WHERE s.id = $1`, [id]);
  if (!rows[0]) throw new AppError("not_found", `probe set ${id} does not exist`);
  return rows[0];
}

export async function findProbeSetByFile(sha256: string): Promise<ProbeSetRow | null> {
  const { rows } = await pool().query<{ id: number }>(`SELECT id FROM probe_set WHERE file_sha256 = $1`, [sha256]);
  return rows[0] ? getProbeSet(rows[0].id) : null;
}

export async function deleteProbeSet(id: number): Promise<void> {
  await pool().query(`DELETE FROM probe_set WHERE id = $1`, [id]);
}

/** The contexts of a set by sub-set index (a few hundred KB at 32K: fetched only to run or export). */
export async function probeContexts(setId: number): Promise<Map<number, string>> {
  const { rows } = await pool().query<{ setIndex: number; text: string }>(
    `SELECT set_index AS "setIndex", text FROM probe_context WHERE set_id = $1`, [setId]);
  return new Map(rows.map((r) => [r.setIndex, r.text]));
}
