import { beforeAll, describe, expect, it } from "vitest";
import { getTokenizer } from "@/lib/tokenize";
import { ensureContexts, loadContextTexts } from "@/lib/contexts";
import { useTestDatabase } from "../support/db";
import { importDemo, seedAssemblyPairs } from "./support";

const OPTS = { minTokens: 2048, maxTokens: 8192, shortRatio: 0.1, seed: "e1" };
let ids: number[] = [];

beforeAll(async () => {
  await useTestDatabase();
  ids = await seedAssemblyPairs(await importDemo(), 30);
});

describe("ensureContexts (the export contract)", () => {
  it("assembles missing pairs once, keeps existing contexts, and rebuilds texts whose spans are exact", async () => {
    const first = await ensureContexts(ids.slice(0, 20), OPTS);
    expect(first.size).toBe(20);
    const second = await ensureContexts(ids, { ...OPTS, seed: "other" });
    expect(second.size).toBe(30);
    for (const id of ids.slice(0, 20)) expect(second.get(id)).toBe(first.get(id));

    const texts = await loadContextTexts([...second.values()]);
    const tok = await getTokenizer("mistral");
    for (const t of texts) {
      expect(tok.count(t.text)).toBe(t.totalTokens);
      if (t.kind === "long") expect(t.totalTokens).toBeGreaterThanOrEqual(OPTS.minTokens);
      if (t.kind === "long") expect(t.totalTokens).toBeLessThanOrEqual(OPTS.maxTokens);
      expect(t.spans.filter((s) => s.role === "evidence").length).toBeGreaterThan(0);
    }
  });
});
