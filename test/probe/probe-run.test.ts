import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { stopBoss } from "@/lib/jobs/queue";
import { createEndpoint } from "@/lib/endpoints";
import { buildAndSaveProbeSet } from "@/lib/probe/build-set";
import { runProbeInProcess } from "@/lib/probe/run-in-process";
import { listProbeRuns } from "@/lib/probe/runs";
import { probeContexts } from "@/lib/probe/sets";
import { buildProbeBody } from "@/lib/probe/schemas";
import { useTestDatabase } from "../support/db";
import { databaseOracle, startFakeOpenAi, type FakeAnswer, type FakeOpenAi } from "./fake-openai";

let server: FakeOpenAi;
// The test changes the model's behaviour between runs through this switch.
let script: (prompt: string) => FakeAnswer = () => "";

beforeAll(async () => {
  await useTestDatabase();
  server = await startFakeOpenAi((p) => script(p));
  // the fake listens on 127.0.0.1: an admin's explicit allowance, as for a local vLLM
  await createEndpoint({ name: "fake", baseUrl: server.url, allowPrivate: true }, null);
});
afterAll(async () => {
  await stopBoss();
  await server.close();
});

// Right in the first and the third bin of 50 positions, wrong in the second: the lost middle, scripted.
const rightAt = (position: number) => position < 50 || position >= 100;

describe("a full probe against an OpenAI-compatible server", () => {
  it("scores every position, resumes after failures, and reports the per-bin curve, Avg and Gap", async () => {
    const set = await buildAndSaveProbeSet(buildProbeBody.parse({ style: "database", tokens: 6144, sets: 2, seed: "run-test" }));
    expect(set.itemsPerContext).toBeGreaterThan(100);
    expect(set.itemsPerContext).toBeLessThan(150);

    // First pass: the endpoint rejects every question about the second context's last bin.
    const oracle = databaseOracle(rightAt);
    const second = (await probeContexts(set.id)).get(1)!;
    script = (p) => {
      const id = /whose id is "([^"]+)"/.exec(p)?.[1] ?? "";
      const pos = second.split("\n").findIndex((l) => l.includes(`"id":"${id}"`));
      return p.startsWith(second) && pos >= 100 ? { status: 400, message: "context too long" } : oracle(p);
    };
    const first = await runProbeInProcess({ setId: set.id, model: "fake-7b", endpoint: "fake", concurrency: 3, fresh: false });
    expect(first.failed).toBeGreaterThan(0);
    expect(first.scored + first.failed).toBe(set.exampleCount);
    const firstCalls = server.requests.length;
    expect(firstCalls).toBe(set.exampleCount);
    expect(server.requests.every((r) => r.temperature === 0 && r.max_tokens === 128 && r.model === "fake-7b")).toBe(true);

    // Second pass: the same command resumes the same run and asks only the failed examples again.
    script = oracle;
    const again = await runProbeInProcess({ setId: set.id, model: "fake-7b", endpoint: "fake", concurrency: 3, fresh: false });
    expect(again.run).toBe(first.run);
    expect(server.requests.length - firstCalls).toBe(first.failed);
    expect(again.failed).toBe(0);
    expect(again.scored).toBe(set.exampleCount);

    expect(again.bins.map((b) => b.positions)).toEqual(["0-49", "50-99", "100-149"]);
    expect(again.bins.map((b) => b.accuracy)).toEqual([100, 0, 100]);
    expect(again.avg).toBeCloseTo(66.7, 1);
    expect(again.gap).toBe(100);

    const { rows } = await pool().query<{ n: number }>(`SELECT count(*)::int n FROM probe_result WHERE run_id = $1 AND score IS NOT NULL`, [again.run]);
    expect(rows[0]!.n).toBe(set.exampleCount);
    const [listed] = await listProbeRuns({ ids: [again.run] });
    expect(listed!.job?.status).toBe("succeeded");
    expect(listed!.curve.gap).toBe(1);
  });
});

