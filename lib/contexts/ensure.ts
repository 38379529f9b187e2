import { AppError } from "@/lib/api/errors";
import { pool } from "@/lib/db/client";
import { Assembler, prepareRecipe } from "./assembler";
import { decontaminateCorpora } from "./decontaminate";
import { effectiveSplit, recipeKey, runRecipe, type RecipeBase, type SplitSpec } from "./recipe";
import { contextIdsInRun, contextIdsWithRecipe, createRun, getRun } from "./store";

/** Defaults shared by assembly and export, so an export with no options matches an assembly with none. */
export const RECIPE_DEFAULTS = { minTokens: 4096, maxTokens: 32768, shortRatio: 0.1, seed: "1" } as const;

/** What an export asks for. Absent values are the run's (with `runId`) or the defaults. */
export interface ContextRequest {
  minTokens?: number;
  maxTokens?: number;
  shortRatio?: number;
  seed?: string | number;
  /** only pairs whose corpus uses this tokenizer (the others are left out as `tokenizer_mismatch`) */
  tokenizer?: string;
  /** export exactly this assembly run's contexts: pairs without one in it are left out as `not_in_run` */
  runId?: number;
  /**
   * The export's splits by document: contexts are assembled with fillers from the pair's own split only (part of
   * the recipe, so they are never mixed up with contexts drawn from the whole corpus). Ignored with `runId`: the
   * run's contexts are what they are, and the export's ledger counts any filler outside its split.
   */
  split?: SplitSpec;
}

/** The recipe an export applied, as its manifest records it. */
export interface AppliedRecipe extends RecipeBase {
  /** null: a run assembled before eval-set fingerprints were recorded */
  evalFingerprint: string;
  /** the eval sets active now; contaminated documents are left out by these whatever the recipe's */
  activeEvalFingerprint: string;
  tokenizer: string | null;
  runId: number | null;
}

export interface Resolution {
  /** pair id → context id, for the pairs that are exported */
  contextOf: Map<number, number>;
  /** pair id → why it is left out (contaminated, not_in_run, tokenizer_mismatch, or an assembly failure code) */
  leftOut: Map<number, string>;
}

/**
 * The export side of contexts. A stored context is reused only when its recipe (bounds, short ratio, seed,
 * tokenizer, eval-set fingerprint, assembly version) equals the request's; other pairs are assembled with the
 * requested recipe into ONE run per export, created on first need, with the eval sets read once. The bytes are
 * those of assembling first and exporting later: same recipe, same content keys, same filler pool.
 */
export class ContextResolver {
  private assembler: Promise<Assembler> | null = null;

  private constructor(readonly recipe: AppliedRecipe) {}

  static async open(req: ContextRequest): Promise<ContextResolver> {
    const { recipe: active, evalGrams } = await prepareRecipe({ ...RECIPE_DEFAULTS, ...definedOf(req) });
    // contamination is enforced at export too: documents not yet checked against the active sets are checked now
    const { rows } = await pool().query<{ id: number }>(`SELECT id FROM corpus ORDER BY id`);
    await decontaminateCorpora(rows.map((r) => r.id), evalGrams);
    if (req.runId === undefined) {
      const split = effectiveSplit(req.split);
      return new ContextResolver({ ...active, ...(split ? { split } : {}), activeEvalFingerprint: active.evalFingerprint,
        tokenizer: req.tokenizer ?? null, runId: null });
    }
    const run = await getRun(req.runId);
    if (!run) throw new AppError("not_found", `assembly run ${req.runId} does not exist`);
    const base = runRecipe(run.params, run.seed);
    // never record a value that was not applied: an option that disagrees with the run is an error, not a note
    for (const k of ["minTokens", "maxTokens", "shortRatio", "seed"] as const) {
      const asked = req[k];
      if (asked !== undefined && String(asked) !== String(base[k])) {
        throw new AppError("bad_request", `run ${run.id} was assembled with ${k} ${base[k]}, not ${asked}: leave it out to use the run's`);
      }
    }
    return new ContextResolver({ ...base, evalFingerprint: base.evalFingerprint ?? "unknown", activeEvalFingerprint: active.evalFingerprint,
      tokenizer: req.tokenizer ?? null, runId: run.id });
  }

  /** Contexts for a page of pairs (assembling the missing ones), and the reason for every pair left out. */
  async resolve(pairIds: number[]): Promise<Resolution> {
    const leftOut = new Map<number, string>();
    const { rows } = await pool().query<{ id: number; tokenizer: string; contaminated: boolean }>(
      `SELECT p.id, c.tokenizer,
              (d.contaminated OR EXISTS (SELECT 1 FROM pair_evidence e JOIN document ed ON ed.id = e.document_id
                                         WHERE e.pair_id = p.id AND ed.contaminated)) AS contaminated
       FROM pair p JOIN corpus c ON c.id = p.corpus_id JOIN document d ON d.id = p.document_id
       WHERE p.id = ANY($1::int[]) ORDER BY p.id`, [pairIds]);
    const eligible: number[] = [];
    const tokenizers = new Set<string>();
    for (const r of rows) {
      if (r.contaminated) leftOut.set(r.id, "contaminated");
      else if (this.recipe.tokenizer !== null && r.tokenizer !== this.recipe.tokenizer) leftOut.set(r.id, "tokenizer_mismatch");
      else {
        eligible.push(r.id);
        tokenizers.add(r.tokenizer);
      }
    }
    let contextOf: Map<number, number>;
    if (this.recipe.runId !== null) {
      contextOf = await contextIdsInRun(this.recipe.runId, eligible);
      for (const id of eligible) if (!contextOf.has(id)) leftOut.set(id, "not_in_run");
    } else {
      contextOf = await contextIdsWithRecipe(eligible, [...tokenizers].map((t) => recipeKey(this.recipe, t)));
      const missing = eligible.filter((id) => !contextOf.has(id));
      if (missing.length) {
        const { contextOf: made, result } = await (await this.assemblerOnce()).assemble(missing);
        for (const [pairId, id] of made) contextOf.set(pairId, id);
        for (const f of result.failures) leftOut.set(f.pairId, f.code);
        for (const id of result.contaminatedPairIds) leftOut.set(id, "contaminated");
        for (const id of missing) if (!contextOf.has(id) && !leftOut.has(id)) leftOut.set(id, "unassembled");
      }
    }
    // a filler from a document found contaminated after the context was made: the context is not exported. The
    // contaminated documents are few (a partial index lists them): hashed once, and every span is looked up in that
    // hash instead of probing the document table (~100 probes a context: 0.29 → 0.09 s of PostgreSQL's CPU per 2,000
    // contexts exported); none at all, and the spans are not even read.
    if (contextOf.size) {
      const { rows: dirty } = await pool().query<{ pairId: number }>(
        `WITH dirty AS MATERIALIZED (SELECT id FROM document WHERE contaminated)
         SELECT c.pair_id AS "pairId" FROM context c
         WHERE c.id = ANY($1::int[]) AND EXISTS (SELECT 1 FROM dirty) AND EXISTS (
           SELECT 1 FROM jsonb_array_elements(c.spans) s JOIN dirty d ON d.id = (s->>'documentId')::int)`,
        [[...contextOf.values()]]);
      for (const r of dirty) {
        contextOf.delete(r.pairId);
        leftOut.set(r.pairId, "contaminated_filler");
      }
    }
    return { contextOf, leftOut };
  }

  private assemblerOnce(): Promise<Assembler> {
    this.assembler ??= (async () => {
      const { activeEvalFingerprint: _a, tokenizer: _t, runId: _r, ...recipe } = this.recipe;
      const runId = await createRun({ ...recipe, recipe, origin: "export", selection: {} }, recipe.seed);
      return new Assembler(runId, recipe);
    })();
    return this.assembler;
  }
}

function definedOf(req: ContextRequest): Partial<typeof RECIPE_DEFAULTS> & { seed?: string } {
  const out: Record<string, unknown> = {};
  for (const k of ["minTokens", "maxTokens", "shortRatio"] as const) if (req[k] !== undefined) out[k] = req[k];
  if (req.seed !== undefined) out.seed = String(req.seed);
  return out;
}

/**
 * pairId → context id with the given recipe, assembling the missing pairs in one new run (a convenience for
 * scripts and tests; exports use ContextResolver, which also reports why pairs are left out).
 */
export async function ensureContexts(pairIds: number[], req: ContextRequest): Promise<Map<number, number>> {
  const resolver = await ContextResolver.open(req);
  const out = new Map<number, number>();
  const ids = [...new Set(pairIds)].sort((a, b) => a - b);
  for (let i = 0; i < ids.length; i += 5_000) for (const [k, v] of (await resolver.resolve(ids.slice(i, i + 5_000))).contextOf) out.set(k, v);
  return out;
}
