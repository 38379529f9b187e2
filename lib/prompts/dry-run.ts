import { pool } from "@/lib/db/client";
import { offlineGenerator, openAiGenerator, type Generator } from "@/lib/generate/generator";
import { DEFAULT_OPENAI_MODEL, OFFLINE_MODEL } from "@/lib/generate/params";
import { renderPieces } from "@/lib/generate/prompts";
import { validateOutput } from "@/lib/generate/validate";
import { openAiSdk } from "@/lib/llm/openai-client";
import { costUsd, priceFor } from "@/lib/llm/prices";
import { walkPage, type WalkRow } from "@/lib/random/seeded-walk";
import { dryRunBody, type DryRunBody, type DryRunResult } from "./schemas";

const SAMPLES = 5;
const MAX_PIECES = 8;

/**
 * Five seeded inputs: single = five segments; multi = the first pieces of five documents with two or more segments.
 * The seeded walk generation uses (lib/random/seeded-walk.ts): an index range scan of the (corpus_id, key_hash)
 * index of content hashes per corpus from the seed's start point, so a dry run reads 5 index entries whatever the
 * corpus size (it sorted every segment by a hash before), and the sample depends on content and seed, never on
 * ids. Contaminated documents are left out, as generation leaves them out.
 */
export async function sampleInputs(type: "single" | "multi", seed: string, corpusId?: number): Promise<{ segmentIds: number[]; texts: string[] }[]> {
  if (type === "single") {
    const rows = await walkPage(seed, null, SAMPLES, async (arc, _after, limit) => (await pool().query<WalkRow & { text: string }>(
      `SELECT x.id, x.text, x.h, x.k FROM corpus c CROSS JOIN LATERAL (
         SELECT s.id, s.text, s.key_hash AS kh, s.key_hash::text AS h, d.sha256 || ':' || s.index AS k
         FROM segment s JOIN document d ON d.id = s.document_id
         WHERE s.corpus_id = c.id AND NOT d.contaminated AND s.key_hash BETWEEN $2::bigint AND $3::bigint
         ORDER BY s.key_hash, (d.sha256 || ':' || s.index) COLLATE "C", s.id LIMIT $4) x
       WHERE ($1::int IS NULL OR c.id = $1)
       ORDER BY x.kh, x.k COLLATE "C", x.id LIMIT $4`, [corpusId ?? null, arc.lo, arc.hi, limit])).rows);
    return rows.map((r) => ({ segmentIds: [r.id], texts: [r.text] }));
  }
  const rows = await walkPage(seed, null, SAMPLES, async (arc, _after, limit) => (await pool().query<WalkRow & { ids: number[]; texts: string[] }>(
    `SELECT x.id, x.h, x.k, pieces.ids, pieces.texts FROM corpus c CROSS JOIN LATERAL (
       SELECT d.id, d.key_hash AS kh, d.key_hash::text AS h, d.sha256 AS k FROM document d
       WHERE d.corpus_id = c.id AND NOT d.contaminated AND d.segment_count >= 2 AND d.key_hash BETWEEN $2::bigint AND $3::bigint
       ORDER BY d.key_hash, d.sha256 COLLATE "C", d.id LIMIT $4) x
     CROSS JOIN LATERAL (
       SELECT array_agg(s.id ORDER BY s.index) AS ids, array_agg(s.text ORDER BY s.index) AS texts
       FROM (SELECT s.id, s.index, s.text FROM segment s WHERE s.document_id = x.id ORDER BY s.index LIMIT ${MAX_PIECES}) s) pieces
     WHERE ($1::int IS NULL OR c.id = $1)
     ORDER BY x.kh, x.k COLLATE "C", x.id LIMIT $4`, [corpusId ?? null, arc.lo, arc.hi, limit])).rows);
  return rows.map((r) => ({ segmentIds: r.ids, texts: r.texts }));
}

/**
 * Tries an unsaved prompt on five sampled inputs before a run: each reply (parsed and checked as generation would),
 * its tokens and cost. With OPENAI_API_KEY it calls the model; without, the offline generator answers (it does not
 * read prompts, so the replies show the pipeline, not the prompt) and says so.
 */
export async function dryRun(input: DryRunBody, signal?: AbortSignal): Promise<DryRunResult> {
  const b = dryRunBody.parse(input);
  const online = Boolean(process.env.OPENAI_API_KEY);
  const model = online ? (b.model ?? process.env.IN2_OPENAI_MODEL ?? DEFAULT_OPENAI_MODEL) : OFFLINE_MODEL;
  const prompt = { system: b.text, format: b.outputSchema };
  const gen: Generator = online ? openAiGenerator(openAiSdk({ timeoutMs: 60_000 }), { model, prompt }) : offlineGenerator;
  const price = online ? priceFor(model) : { input: 0, output: 0 };
  const inputs = await sampleInputs(b.type, b.seed, b.corpusId);
  const ctl = new AbortController();
  signal?.addEventListener("abort", () => ctl.abort());
  const replies = await Promise.all(inputs.map(async (inp, i) => {
    const rendered = b.type === "single" ? inp.texts[0] ?? "" : renderPieces(inp.texts);
    try {
      const a = await gen.attempt({ key: `dry-run|${b.seed}|${i}`, type: b.type }, inp.texts, ctl.signal);
      const v = validateOutput(b.type, a.content, inp.texts.length);
      return { segmentIds: inp.segmentIds, input: rendered.slice(0, 4000), ok: v.ok, output: v.ok ? v.qa : safeJson(a.content),
        error: v.ok ? null : v.reason, ...a.usage, costUsd: costUsd(price, a.usage.promptTokens, a.usage.completionTokens) };
    } catch (err) {
      return { segmentIds: inp.segmentIds, input: rendered.slice(0, 4000), ok: false, output: null, error: (err as Error).message, promptTokens: 0, completionTokens: 0, costUsd: 0 };
    }
  }));
  return { provider: online ? "openai" : "offline", model, replies, totalCostUsd: replies.reduce((s, r) => s + r.costUsd, 0), priced: price !== null };
}

function safeJson(s: string): unknown {
  try { return JSON.parse(s); } catch { return s; }
}
