import { beforeAll, describe, expect, it } from "vitest";
import { ensureContexts } from "@/lib/contexts";
import { balanceStats } from "@/lib/contexts/balance";
import { listContexts, listRuns } from "@/lib/contexts/list";
import { contextPreview } from "@/lib/contexts/preview";
import { pool } from "@/lib/db/client";
import { useTestDatabase } from "../support/db";
import { importDemo, seedAssemblyPairs } from "./support";

let ids: number[] = [];
let contexts = new Map<number, number>();

beforeAll(async () => {
  await useTestDatabase();
  ids = await seedAssemblyPairs(await importDemo(), 16);
  contexts = await ensureContexts(ids, { minTokens: 4096, maxTokens: 8192, shortRatio: 0.25, seed: 3 });
});

describe("context preview", () => {
  it("cuts long and short contexts into blocks that rebuild the text, evidence marked with support and answer", async () => {
    const { rows } = await pool().query<{ pairId: number; piece: number; text: string }>(
      `SELECT e.pair_id AS "pairId", e.piece, s.text FROM pair_evidence e JOIN segment s ON s.id = e.segment_id`);
    const kinds = new Set<string>();
    for (const pairId of ids) {
      const p = await contextPreview(pairId);
      kinds.add(p.context.kind);
      expect(p.context.id).toBe(contexts.get(pairId));
      const joined = p.blocks.map((b) => b.text).join("\n");
      expect(Array.from(joined).length).toBeLessThanOrEqual(p.context.chars);
      if (p.context.kind === "long") expect(Array.from(joined).length).toBe(p.context.chars);
      const evidence = p.blocks.filter((b) => b.role === "evidence");
      for (const b of evidence) {
        expect(b.text).toBe(rows.find((r) => r.pairId === pairId && r.piece === b.piece)!.text);
      }
      const first = evidence.find((b) => b.piece === 1)!;
      expect(first.marks.some((m) => m.kind === "support")).toBe(true);
      expect(first.marks.some((m) => m.kind === "answer")).toBe(true);
      expect(first.text.slice(first.marks[0]!.start, first.marks[0]!.end).length).toBeGreaterThan(20);
      // the answer box is the answer itself, not the support sentence around it
      const answer = first.marks.find((m) => m.kind === "answer")!;
      const trim = (x: string) => x.replace(/[\s.,;:!?]+$/, "");
      expect(trim(first.text.slice(answer.start, answer.end))).toBe(trim(p.pair.answer));
      expect(p.answerVerbatim).toBe(true);
    }
    expect(kinds).toEqual(new Set(["long", "short"]));
  });

  it("boxes no answer position when the answer is not in the evidence verbatim, and says so", async () => {
    const pairId = ids[1]!;
    const before = await contextPreview(pairId);
    const support = before.pair.support[0]!;
    // an answer that shares words with the support sentence but never stands in it as written
    const paraphrase = `${support.split(/\s+/).slice(2, 6).reverse().join(" ")} indeed`;
    await pool().query(`UPDATE pair SET answer = $2 WHERE id = $1`, [pairId, paraphrase]);
    const p = await contextPreview(pairId);
    expect(p.answerVerbatim).toBe(false);
    expect(p.blocks.flatMap((b) => b.marks).filter((m) => m.kind === "answer")).toEqual([]);
    expect(p.blocks.flatMap((b) => b.marks).some((m) => m.kind === "support")).toBe(true);
    await pool().query(`UPDATE pair SET answer = $2 WHERE id = $1`, [pairId, before.pair.answer]);
  });

  it("lists runs and contexts, and charts the current dataset", async () => {
    const [run] = await listRuns();
    expect(run!.contexts).toBe(ids.length);
    const page = await listContexts({ limit: 10 });
    expect(page.map((r) => r.pairId)).toEqual(ids.slice(0, 10));
    const next = await listContexts({ after: page.at(-1)!.pairId, limit: 10 });
    expect(next.map((r) => r.pairId)).toEqual(ids.slice(10));
    const stats = await balanceStats(null);
    expect(stats.contexts.total).toBe(ids.length);
    expect(stats.mix.reduce((s, m) => s + m.count, 0)).toBe(ids.length);
    await expect(contextPreview(ids[0]!, 999_999)).rejects.toThrow(/does not exist/);
  });
});
