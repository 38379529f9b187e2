import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as nextRoute } from "@/app/api/pairs/next/route";
import { POST as applyRoute } from "@/app/api/audits/[id]/apply/route";
import { applyAudit, createAudit, getAudit } from "@/lib/audit/audits";
import { wilson } from "@/lib/audit/stats";
import { pool } from "@/lib/db/client";
import { countPairs } from "@/lib/pairs/list";
import { updatePair } from "@/lib/pairs/update";
import { undoGroup } from "@/lib/review-team/groups";
import { runCli } from "../support/cli";
import { useTestDatabase } from "../support/db";
import { seedDemo, signedIn } from "../review/support";

let url: string;
let curator: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  url = await useTestDatabase();
  await seedDemo(60);
  curator = await signedIn("curator", "lead@audit.test");
});

const sampleIds = async (id: number) =>
  (await pool().query<{ pairId: number }>(`SELECT pair_id AS "pairId" FROM audit_item WHERE audit_id = $1 ORDER BY rank`, [id])).rows.map((r) => r.pairId);

describe("audit sampling", () => {
  it("draws the same seeded sample for the same slice and seed, a different one for another seed, n suggested from the margin", async () => {
    const a = await createAudit({ filter: { status: "pending" }, size: 10, seed: "7" }, curator.user.id);
    const b = await createAudit({ filter: { status: "pending" }, size: 10, seed: "7" }, curator.user.id);
    const c = await createAudit({ filter: { status: "pending" }, size: 10, seed: "8" }, curator.user.id);
    expect(await sampleIds(a.id)).toEqual(await sampleIds(b.id));
    expect(await sampleIds(a.id)).not.toEqual(await sampleIds(c.id));
    expect(a).toMatchObject({ size: 10, population: 60, sample: { pending: 10 }, remainder: 50, estimate: { rate: null, low: 0, high: 1 } });
    // ±10% at 95% over 60 pairs: n0 = 96.04, corrected 96.04 / (1 + 95.04/60) = 37.2 → 38
    const m = await createAudit({ filter: { status: "pending" }, margin: 0.1, seed: "1" }, null);
    expect(m.size).toBe(38);
    await expect(createAudit({ filter: { model: "no-such-model" }, size: 5 }, null)).rejects.toMatchObject({ code: "bad_request" });
  });

  it("is reviewed in the normal queue, estimates with a Wilson interval, decides the rest as one undoable bulk action", async () => {
    const audit = await createAudit({ filter: { type: "single" }, size: 12, seed: "42", name: "singles" }, curator.user.id);
    const ids = await sampleIds(audit.id);
    // the review view's queue, filtered to the audit, serves exactly the sample
    const res = await nextRoute(new NextRequest(`http://local/api/pairs/next?audit=${audit.id}&limit=20`, { headers: { cookie: curator.cookie } }), { params: Promise.resolve({}) });
    const served = ((await res.json()) as { items: { id: number }[] }).items.map((p) => p.id);
    expect(served.sort()).toEqual([...ids].sort());
    // 11 accepted, 1 rejected
    for (const [i, id] of ids.entries()) await updatePair(id, { version: (await pool().query<{ v: number }>(`SELECT version AS v FROM pair WHERE id = $1`, [id])).rows[0]!.v, status: i === 3 ? "rejected" : "accepted" }, curator.user.id);
    const shown = await getAudit(audit.id);
    const w = wilson(11, 12);
    expect(shown.estimate).toEqual({ rate: 11 / 12, low: w.low, high: w.high, reviewed: 12 });
    const rest = await countPairs({ type: "single", status: "pending" });
    expect(shown.remainder).toBe(rest);
    expect(rest).toBeGreaterThan(0);

    // a threshold the interval does not clear changes nothing (lower bound ≈ 0.646)
    const refused = await applyRoute(new NextRequest(`http://local/api/audits/${audit.id}/apply`, { method: "POST", body: JSON.stringify({ acceptAbove: 0.9 }), headers: { cookie: curator.cookie, origin: "http://local", "content-type": "application/json" } }),
      { params: Promise.resolve({ id: String(audit.id) }) });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/clears no threshold/);
    expect(await countPairs({ type: "single", status: "pending" })).toBe(rest);

    const applied = await applyAudit(audit.id, { acceptAbove: 0.6 }, curator.user.id);
    expect(applied.decision).toMatchObject({ action: "accept", changed: rest });
    expect(applied.applied).toMatchObject({ action: "accept", changed: rest, undone: false });
    expect(await countPairs({ type: "single", status: "pending" })).toBe(0);
    const g = await pool().query<{ kind: string; auditId: number }>(`SELECT kind, audit_id AS "auditId" FROM event_group WHERE id = $1`, [applied.decision.groupId]);
    expect(g.rows[0]).toEqual({ kind: "audit_apply", auditId: audit.id });
    await expect(applyAudit(audit.id, { acceptAbove: 0.6 }, curator.user.id)).rejects.toMatchObject({ code: "conflict" });

    // undo: the rest is pending again, the sample keeps its reviews
    expect(await undoGroup(applied.decision.groupId, curator.user)).toMatchObject({ restored: rest, kept: 0 });
    expect(await countPairs({ type: "single", status: "pending" })).toBe(rest);
    expect((await getAudit(audit.id)).sample).toMatchObject({ accepted: 11, rejected: 1, pending: 0 });
    expect((await getAudit(audit.id)).applied).toMatchObject({ undone: true });
  });

  it("runs from the CLI: create, show, apply", async () => {
    const env = { DATABASE_URL: url };
    const created = await runCli(["audit", "create", "--filter", "type=multi", "--size", "4", "--seed", "3"], env);
    expect(created.code, created.stderr).toBe(0);
    const id = (created.json as { audit: { id: number; size: number } }).audit.id;
    expect((created.json as { audit: { size: number } }).audit.size).toBe(4);
    for (const pid of await sampleIds(id)) await updatePair(pid, { version: (await pool().query<{ v: number }>(`SELECT version AS v FROM pair WHERE id = $1`, [pid])).rows[0]!.v, status: "rejected" }, curator.user.id);
    const shown = await runCli(["audit", "show", String(id)], env);
    expect(shown.stderr).toMatch(/4\/4 reviewed · accept rate 0.0% \[0.0%, 49.0%\]/);
    const bad = await runCli(["audit", "apply", String(id)], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--accept-above/);
    const applied = await runCli(["audit", "apply", String(id), "--accept-above", "0.9", "--reject-below", "0.5"], env);
    expect(applied.code, applied.stderr).toBe(0);
    expect((applied.json as { decision: { action: string } }).decision.action).toBe("reject");
    expect(await countPairs({ type: "multi", status: "pending" })).toBe(0);
  });
});
