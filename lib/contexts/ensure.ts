import { runAssembly } from "./run";
import { createRun, latestContextIds } from "./store";
import type { AssemblyOptions } from "./types";

/** Pairs per assembly call, so a 300K-pair export never sends one giant id array to Postgres. */
const CHUNK = 5_000;

/**
 * pairId → context id for every pair that has or can get a context. Pairs with a context keep their newest
 * one; the others are assembled now with the given options in one new assembly run. Pairs that cannot be
 * assembled (contaminated, evidence too long, …) are absent from the map.
 */
export async function ensureContexts(pairIds: number[], opts: AssemblyOptions): Promise<Map<number, number>> {
  const ids = [...new Set(pairIds)];
  const result = await latestContextIds(ids);
  const missing = ids.filter((id) => !result.has(id)).sort((a, b) => a - b);
  if (missing.length === 0) return result;
  const params = { ...opts, seed: String(opts.seed), selection: { pairCount: missing.length }, origin: "ensureContexts" };
  const runId = await createRun(params, String(opts.seed));
  for (let i = 0; i < missing.length; i += CHUNK) {
    await runAssembly(runId, { pairIds: missing.slice(i, i + CHUNK) }, opts);
  }
  for (const [pairId, id] of await latestContextIds(missing)) result.set(pairId, id);
  return result;
}
