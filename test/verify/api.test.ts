import { beforeAll, describe, expect, it } from "vitest";
import { POST as START } from "@/app/api/verify/route";
import { GET as PAIR } from "@/app/api/verify/pairs/[id]/route";
import { GET as VERDICTS } from "@/app/api/verify/verdicts/route";
import { GET as COVERAGE } from "@/app/api/verify/coverage/route";
import { getJob } from "@/lib/jobs/jobs";
import { runJob } from "@/lib/jobs/runner";
import { stopBoss } from "@/lib/jobs/queue";
import { pool } from "@/lib/db/client";
import { useTestDatabase } from "../support/db";
import { signedIn } from "../support/auth";
import { runGeneration, seedCorpus } from "../generate/helpers";
import { afterAll } from "vitest";

let curator: Awaited<ReturnType<typeof signedIn>>;
let viewer: Awaited<ReturnType<typeof signedIn>>;
let genJob: number;

beforeAll(async () => {
  await useTestDatabase();
  delete process.env.OPENAI_API_KEY;
  const corpusId = await seedCorpus("verify-api");
  genJob = (await runGeneration({ type: "single", count: 10, corpusId, seed: 6, provider: "offline" })).id;
  curator = await signedIn("curator");
  viewer = await signedIn("viewer");
});
afterAll(() => stopBoss());

const json = async (r: Response) => ({ status: r.status, body: await r.json() as Record<string, unknown> });

describe("verification API", () => {
  it("starts a job on the pairs filter (curator only), and serves verdicts, checks with raw replies, and coverage", async () => {
    const body = JSON.stringify({ jobId: genJob, filter: { status: "pending" } });
    const denied = await START(viewer.request("/api/verify", { method: "POST", body }), { params: Promise.resolve({}) });
    expect(denied.status).toBe(403);
    const bad = await json(await START(curator.request("/api/verify", { method: "POST", body: JSON.stringify({ filter: { status: "nope" } }) }), { params: Promise.resolve({}) }));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/status/);

    const started = await json(await START(curator.request("/api/verify", { method: "POST", body }), { params: Promise.resolve({}) }));
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const { jobId, estimate } = started.body as { jobId: number; estimate: { pairs: number; calls: number; provider: string } };
    expect(estimate.provider).toBe("offline");
    expect(estimate.calls).toBe(2 * estimate.pairs);
    await runJob(jobId, "api-test");
    expect((await getJob(jobId)).status).toBe("succeeded");

    const { rows } = await pool().query<{ id: number }>(`SELECT id FROM pair WHERE job_id = $1 ORDER BY id LIMIT 3`, [genJob]);
    const ids = rows.map((r) => r.id);
    const verdicts = await json(await VERDICTS(viewer.request(`/api/verify/verdicts?ids=${ids.join(",")}`), { params: Promise.resolve({}) }));
    expect(Object.keys(verdicts.body).map(Number).sort()).toEqual(ids);
    expect(verdicts.body[String(ids[0])]).toMatchObject({ passed: true, flags: [], provider: "offline" });

    const detail = await json(await PAIR(viewer.request(`/api/verify/pairs/${ids[0]}`), { params: Promise.resolve({ id: String(ids[0]) }) }));
    const d = detail.body as { stale: boolean; checks: { kind: string; rawOutput: string; matchMethod: string }[] };
    expect(d.stale).toBe(false);
    expect(d.checks.map((c) => c.kind)).toEqual(["closed_book", "evidence_only"]);
    expect(JSON.parse(d.checks[0]!.rawOutput)).toEqual({ answerable: false, answer: "" });

    // a review decision does not make the verdict stale; a changed answer does
    const pairDetail = async () => (await json(await PAIR(viewer.request(`/api/verify/pairs/${ids[0]}`), { params: Promise.resolve({ id: String(ids[0]) }) }))).body as { stale: boolean };
    await pool().query(`UPDATE pair SET status = 'accepted', version = version + 1 WHERE id = $1`, [ids[0]]);
    expect((await pairDetail()).stale).toBe(false);
    await pool().query(`UPDATE pair SET answer = answer || ' (edited)', version = version + 1 WHERE id = $1`, [ids[0]]);
    expect((await pairDetail()).stale).toBe(true);

    const cov = await json(await COVERAGE(viewer.request("/api/verify/coverage"), { params: Promise.resolve({}) }));
    expect(cov.body).toMatchObject({ verified: estimate.pairs, passed: estimate.pairs, failed: 0 });
  });
});
