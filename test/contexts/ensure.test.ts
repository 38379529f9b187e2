import { beforeAll, describe, expect, it } from "vitest";
import { getTokenizer } from "@/lib/tokenize";
import { ensureContexts, loadContextTexts } from "@/lib/contexts";
import { pool } from "@/lib/db/client";
import { useTestDatabase } from "../support/db";
import { importDemo, seedAssemblyPairs } from "./support";

const OPTS = { minTokens: 2048, maxTokens: 8192, shortRatio: 0.1, seed: "e1" };
let ids: number[] = [];

beforeAll(async () => {
  await useTestDatabase();
  ids = await seedAssemblyPairs(await importDemo(), 30);
});

const runCount = async () => (await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM assembly_run`)).rows[0]!.n;

describe("ensureContexts (recipe-matched contexts)", () => {
  it("reuses a stored context only for an equal recipe, assembles the rest in one run, and rebuilds exact texts", async () => {
    const first = await ensureContexts(ids.slice(0, 20), OPTS);
    expect(first.size).toBe(20);
    expect(await runCount()).toBe(1);
    // the same recipe: the 20 are reused, the 10 others assembled in one new run
    const same = await ensureContexts(ids, OPTS);
    expect(same.size).toBe(30);
    for (const id of ids.slice(0, 20)) expect(same.get(id)).toBe(first.get(id));
    expect(await runCount()).toBe(2);
    // another seed or other bounds: nothing is reused
    for (const other of [{ ...OPTS, seed: "other" }, { ...OPTS, maxTokens: 4096 }]) {
      const again = await ensureContexts(ids, other);
      for (const id of ids) expect(again.get(id)).not.toBe(same.get(id));
      const texts = await loadContextTexts([...again.values()]);
      for (const t of texts) {
        expect(t.seed).toBe(other.seed);
        if (t.kind === "long") expect(t.totalTokens).toBeLessThanOrEqual(other.maxTokens);
      }
    }
    const texts = await loadContextTexts([...same.values()]);
    const tok = await getTokenizer("mistral");
    for (const t of texts) {
      expect(tok.count(t.text)).toBe(t.totalTokens);
      if (t.kind === "long") expect(t.totalTokens).toBeGreaterThanOrEqual(OPTS.minTokens);
      if (t.kind === "long") expect(t.totalTokens).toBeLessThanOrEqual(OPTS.maxTokens);
      expect(t.spans.filter((s) => s.role === "evidence").length).toBeGreaterThan(0);
      for (const s of t.spans) expect(s.segmentKey).toMatch(/^[0-9a-f]{64}:\d+$/);
    }
  });
});
