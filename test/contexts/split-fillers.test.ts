import { beforeAll, describe, expect, it } from "vitest";
import { ensureContexts, recipeKey } from "@/lib/contexts";
import { pool } from "@/lib/db/client";
import { SplitAssigner } from "@/lib/dataset/split";
import { useTestDatabase } from "../support/db";
import { importDemo, seedAssemblyPairs } from "./support";

/**
 * Issue 16.2: with splits by document, the fillers of a validation row come only from validation documents (and
 * a train row's only from train documents), so no document reaches two splits even as a filler. The split is
 * computed here by the dataset export's own SplitAssigner, in JavaScript; the filler pools compute it in SQL.
 */
const RECIPE = { minTokens: 2048, maxTokens: 6144, shortRatio: 0, seed: "split-fill" };
const SPLIT = { seed: "s7", fractions: { train: 0.6, validation: 0.4 } };
let ids: number[] = [];

beforeAll(async () => {
  await useTestDatabase();
  ids = await seedAssemblyPairs(await importDemo(), 40);
});

/** For each context: its pair's split and the splits of its filler documents, by the documents' content keys. */
async function fillerSplits(contextIds: number[], assigner: SplitAssigner) {
  const { rows } = await pool().query<{ pairDoc: string; fillerDocs: string[] }>(
    `SELECT pd.sha256 AS "pairDoc",
            ARRAY(SELECT DISTINCT fd.sha256 FROM jsonb_array_elements(c.spans) e JOIN document fd ON fd.id = (e->>'documentId')::int
                  WHERE e->>'role' = 'filler') AS "fillerDocs"
     FROM context c JOIN pair p ON p.id = c.pair_id JOIN document pd ON pd.id = p.document_id WHERE c.id = ANY($1::int[])`, [contextIds]);
  return rows.map((r) => ({ split: assigner.of(r.pairDoc), fillers: r.fillerDocs.map((k) => ({ key: k, split: assigner.of(k) })) }));
}

/** Filler documents used in rows of more than one split, and fillers outside their row's split. */
function overlap(rows: Awaited<ReturnType<typeof fillerSplits>>) {
  const used = new Map<string, Set<string>>();
  let outside = 0;
  for (const r of rows) {
    for (const f of r.fillers) {
      used.set(f.key, (used.get(f.key) ?? new Set()).add(r.split));
      if (f.split !== r.split) outside++;
    }
  }
  return { documentsInTwoSplits: [...used.values()].filter((s) => s.size > 1).length, fillersOutsideTheirSplit: outside };
}

describe("fillers with splits by document", () => {
  it("draws a row's fillers from its own split only: filler-document overlap between splits is 0", async () => {
    const assigner = new SplitAssigner(SPLIT.fractions, SPLIT.seed);
    const split = await ensureContexts(ids, { ...RECIPE, split: SPLIT });
    expect(split.size).toBe(ids.length);
    const rows = await fillerSplits([...split.values()], assigner);
    // both splits have rows with fillers, so the check is not vacuous
    expect(new Set(rows.map((r) => r.split))).toEqual(new Set(["train", "validation"]));
    expect(rows.every((r) => r.fillers.length > 0)).toBe(true);
    expect(overlap(rows)).toEqual({ documentsInTwoSplits: 0, fillersOutsideTheirSplit: 0 });

    // the same recipe without splits draws from the whole corpus: there the overlap is real
    const whole = await ensureContexts(ids, RECIPE);
    const mixed = overlap(await fillerSplits([...whole.values()], assigner));
    expect(mixed.fillersOutsideTheirSplit).toBeGreaterThan(0);
    expect(mixed.documentsInTwoSplits).toBeGreaterThan(0);
  });

  it("makes the split part of the recipe: its contexts are kept apart and reused only by the same split", async () => {
    const { rows } = await pool().query<{ key: string }>(`SELECT DISTINCT recipe_key AS key FROM context WHERE pair_id = $1`, [ids[0]]);
    expect(rows.length).toBe(2);
    const base = { minTokens: RECIPE.minTokens, maxTokens: RECIPE.maxTokens, shortRatio: RECIPE.shortRatio, seed: RECIPE.seed, evalFingerprint: "x" };
    expect(recipeKey({ ...base, split: SPLIT }, "mistral")).not.toBe(recipeKey(base, "mistral"));
    // one split is the whole corpus: the same key as no split at all
    expect(recipeKey({ ...base, split: { seed: "s7", fractions: { train: 1 } } }, "mistral")).toBe(recipeKey(base, "mistral"));
    // asking again with the same split reuses the stored contexts
    const again = await ensureContexts(ids, { ...RECIPE, split: SPLIT });
    const { rows: [n] } = await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM context`);
    expect(n!.n).toBe(ids.length * 2);
    expect(again.size).toBe(ids.length);
  });
});
