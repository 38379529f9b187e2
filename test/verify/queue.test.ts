import { beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { bulkUpdate } from "@/lib/pairs/bulk";
import { nextPairs } from "@/lib/pairs/queue";
import { countPairs } from "@/lib/pairs/list";
import { createUser } from "@/lib/auth/users";
import { useTestDatabase } from "../support/db";
import { runGeneration, seedCorpus } from "../generate/helpers";

let ids: number[];
let failed: number[];

beforeAll(async () => {
  await useTestDatabase();
  const corpusId = await seedCorpus("verify-queue");
  const g = await runGeneration({ type: "single", count: 60, corpusId, seed: 9, provider: "offline" });
  const { rows } = await pool().query<{ id: number }>(`SELECT id FROM pair WHERE job_id = $1 ORDER BY id`, [g.id]);
  ids = rows.map((r) => r.id);
  expect(ids.length).toBeGreaterThanOrEqual(8);
  // spread quality scores; the two model-failed pairs get the HIGHEST lexical scores, so only the verdict can lift them
  await pool().query(`UPDATE pair SET quality_score = 0.1 + (id % 7) / 10.0 WHERE id = ANY($1)`, [ids]);
  failed = [ids[2]!, ids[5]!];
  await pool().query(`UPDATE pair SET quality_score = 0.99 WHERE id = ANY($1)`, [failed]);
  const verdict = (passed: boolean, code?: string) => JSON.stringify({ passed, flags: code ? [{ code, reason: "test" }] : [], itemId: 0 });
  await pool().query(`UPDATE pair SET verification = $2::jsonb WHERE id = $1`, [failed[0], verdict(false, "answerable_without_context")]);
  await pool().query(`UPDATE pair SET verification = $2::jsonb WHERE id = $1`, [failed[1], verdict(false, "not_multi_hop")]);
  await pool().query(`UPDATE pair SET verification = $2::jsonb WHERE id = $1`, [ids[0], verdict(true)]);
});

describe("review queue and bulk actions with model verdicts", () => {
  it("lowest quality first puts pairs a model check failed above every lexical score, and pages across both phases", async () => {
    const seen: number[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await nextPairs({ order: "lowest", after, limit: 3 });
      seen.push(...page.items.map((p) => p.id));
      if (!page.items.length) break;
      after = page.next ?? undefined;
    }
    expect(seen).toHaveLength(ids.length);
    expect(new Set(seen).size).toBe(ids.length);
    expect(seen.slice(0, 2).sort()).toEqual([...failed].sort());
    const { rows } = await pool().query<{ id: number; s: number }>(`SELECT id, quality_score AS s FROM pair WHERE id = ANY($1)`, [seen.slice(2)]);
    const score = new Map(rows.map((r) => [r.id, r.s]));
    const rest = seen.slice(2).map((id) => score.get(id)!);
    expect(rest).toEqual([...rest].sort((a, b) => a - b));
  });

  it("highest first is unchanged (by score only)", async () => {
    const page = await nextPairs({ order: "highest", limit: 2 });
    expect(page.items.map((p) => p.qualityScore)).toEqual([0.99, 0.99]);
  });

  it("a bulk action on a verdict filter changes exactly the pairs the filter shows", async () => {
    const user = await createUser({ email: "cur@test.in2", role: "curator", password: "test user password" });
    expect(await countPairs({ verdict: "failed" })).toBe(2);
    const r = await bulkUpdate({ verdict: "failed" }, "reject", 2, user.id);
    expect(r).toMatchObject({ matched: 2, changed: 2 });
    const { rows } = await pool().query<{ id: number }>(`SELECT id FROM pair WHERE status = 'rejected' ORDER BY id`);
    expect(rows.map((x) => x.id)).toEqual([...failed].sort((a, b) => a - b));
  });
});
