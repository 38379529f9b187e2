// The simulated reviewers of bench:team (scripts/bench/team.ts). By default they run in a child process of their own
// (`--clients process`), as browsers are not in the server's process: the server's event loop then serves requests
// only. `--clients inline` runs them in the bench process, as the first version of the bench did.
import { createRng } from "@/lib/random";

export interface Tally { decisions: number; conflicts: number; errors: number; nextMs: number[]; decideMs: number[]; nextAt: number[] }
export interface PhaseSpec { base: string; cookies: string[]; seconds: number; peek: boolean; seedOffset: number; path: string }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One reviewer as the review page drives the API: prefetch 5, refill below 3 in the background, decide, read. */
async function reviewer(spec: PhaseSpec, cookie: string, seed: number, start: number, until: number, t: Tally) {
  const { base, peek } = spec;
  const rng = createRng(`team-bench:${seed}`);
  const headers = { cookie, origin: base, "content-type": "application/json" };
  const buffer: { id: number; version: number }[] = [];
  let cursor: string | null = null;
  let fetching: Promise<void> | null = null;
  const refill = () => fetching ??= (async () => {
    const t0 = performance.now();
    const r = await fetch(`${base}${spec.path}?limit=5${peek ? "&peek=true" : ""}${cursor ? `&after=${encodeURIComponent(cursor)}` : ""}`, { headers });
    t.nextMs.push(performance.now() - t0);
    t.nextAt.push(t0 - start);
    if (!r.ok) { t.errors++; await r.arrayBuffer(); return; }
    const body = (await r.json()) as { items: { id: number; version: number }[]; next: string | null };
    cursor = body.next;
    buffer.push(...body.items.filter((p) => !buffer.some((b) => b.id === p.id)));
  })().finally(() => { fetching = null; });
  while (performance.now() < until) {
    if (buffer.length < 3) void refill();
    if (!buffer.length) await refill();
    const pair = buffer.shift();
    if (!pair) { await sleep(200); continue; }
    await sleep(750 + rng.next() * 1500);
    if (performance.now() >= until) break;
    const t0 = performance.now();
    const r = await fetch(`${base}/api/pairs/${pair.id}`, { method: "PATCH", headers, body: JSON.stringify({ version: pair.version, status: rng.next() < 0.8 ? "accepted" : "rejected" }) });
    t.decideMs.push(performance.now() - t0);
    await r.arrayBuffer();
    if (r.status === 409) t.conflicts++;
    else if (r.ok) t.decisions++;
    else t.errors++;
  }
}

export async function runReviewers(spec: PhaseSpec): Promise<Tally> {
  const t: Tally = { decisions: 0, conflicts: 0, errors: 0, nextMs: [], decideMs: [], nextAt: [] };
  const start = performance.now();
  const until = start + spec.seconds * 1000;
  await Promise.all(spec.cookies.map((c, i) => reviewer(spec, c, i + spec.seedOffset, start, until, t)));
  return t;
}

// forked by team.ts: one phase per message
if (process.send && process.argv.includes("--team-reviewers")) {
  process.on("message", (spec: PhaseSpec) => {
    void runReviewers(spec).then((t) => process.send!(t), (err: Error) => process.send!({ error: err.message }));
  });
  process.send({ ready: true });
}
