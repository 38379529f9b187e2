import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { resetSecretCache } from "@/lib/endpoints/secret";
import { getJob } from "@/lib/jobs/jobs";
import { stopBoss } from "@/lib/jobs/queue";
import { runJob } from "@/lib/jobs/runner";
import "@/lib/jobs/kinds";
import { buildAndSaveProbeSet } from "@/lib/probe/build-set";
import { buildProbeBody } from "@/lib/probe/schemas";
import { useTestDatabase } from "../support/db";
import { account, startTestServer, type TestServer } from "./http-server";

/**
 * The server's model key never goes to a URL a user typed. A loopback listener stands for "an address the
 * curator controls"; it records every request it gets, with its headers.
 */
const SERVER_KEY = "sk-server-env-key-0123456789abcdef";
const ENDPOINT_KEY = "sk-endpoint-key-fedcba9876543210";
const saved = { key: process.env.OPENAI_API_KEY, base: process.env.OPENAI_BASE_URL, secret: process.env.IN2_SECRET };

let app: TestServer;
let listener: http.Server;
let listenerUrl = "";
const received: { url: string; authorization: string | undefined; raw: string }[] = [];
let setId = 0;
let curator: Awaited<ReturnType<typeof account>>;
let admin: Awaited<ReturnType<typeof account>>;

beforeAll(async () => {
  await useTestDatabase();
  Object.assign(process.env, { OPENAI_API_KEY: SERVER_KEY, OPENAI_BASE_URL: "https://api.openai.example/v1", IN2_SECRET: "a test server secret of some length" });
  resetSecretCache();
  listener = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => { raw += c; });
    req.on("end", () => {
      received.push({ url: req.url ?? "", authorization: req.headers.authorization, raw: JSON.stringify(req.headers) + raw });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({
        id: "x", object: "chat.completion", created: 0, model: "m",
        choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: "no idea" } }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      }));
    });
  });
  await new Promise<void>((r) => listener.listen(0, "127.0.0.1", r));
  listenerUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/v1`;
  app = await startTestServer();
  curator = await account("curator");
  admin = await account("admin");
  setId = (await buildAndSaveProbeSet(buildProbeBody.parse({ style: "database", tokens: 1024, sets: 1, seed: "ssrf", positions: 3 }))).id;
});

afterAll(async () => {
  await app.close();
  await new Promise<void>((r) => listener.close(() => r()));
  await stopBoss();
  process.env.OPENAI_API_KEY = saved.key;
  process.env.OPENAI_BASE_URL = saved.base;
  process.env.IN2_SECRET = saved.secret;
  resetSecretCache();
});

const noKeyReceived = () => {
  for (const r of received) {
    expect(r.raw).not.toContain(SERVER_KEY);
  }
};

describe("a curator pointing a probe run at an address of their choosing", () => {
  it("is refused: a probe run takes an endpoint name, never a raw URL, and the listener receives nothing", async () => {
    const res = await app.call("POST", "/api/probe/runs", { cookie: curator.cookie, json: { setId, model: "m", baseUrl: listenerUrl } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.json)).toMatch(/name an endpoint/);
    const viaName = await app.call("POST", "/api/probe/runs", { cookie: curator.cookie, json: { setId, model: "m", endpoint: listenerUrl } });
    expect(viaName.status).toBe(400);
    expect(JSON.stringify(viaName.json)).toMatch(/no model endpoint/);
    expect(received).toHaveLength(0);
    const { rows } = await pool().query(`SELECT count(*)::int AS n FROM probe_run`);
    expect(rows[0].n).toBe(0);
  });

  it("cannot add an endpoint (admins only), with a session or a token", async () => {
    const body = { name: "mine", baseUrl: listenerUrl, allowPrivate: true };
    expect((await app.call("POST", "/api/endpoints", { cookie: curator.cookie, json: body })).status).toBe(403);
    expect((await app.call("POST", "/api/endpoints", { bearer: curator.token, json: body })).status).toBe(403);
    expect(received).toHaveLength(0);
  });

  it("an admin cannot add a loopback endpoint without explicitly allowing private addresses, by IP or by a name that resolves to one", async () => {
    for (const baseUrl of [listenerUrl, listenerUrl.replace("127.0.0.1", "localhost"), listenerUrl.replace("127.0.0.1", "[::ffff:127.0.0.1]"), "http://169.254.169.254/latest", "file:///etc/passwd"]) {
      const res = await app.call("POST", "/api/endpoints", { cookie: admin.cookie, json: { name: "loop", baseUrl, apiKey: ENDPOINT_KEY } });
      expect(res.status, baseUrl).toBe(400);
      expect(JSON.stringify(res.json), baseUrl).toMatch(/loopback or private|link-local|only http and https/);
    }
    expect(received).toHaveLength(0);
  });

  it("runs against an endpoint an admin allowed, sending that endpoint's own key and never the server's", async () => {
    const created = await app.call("POST", "/api/endpoints", { cookie: admin.cookie, json: { name: "local-vllm", baseUrl: listenerUrl, models: ["m"], apiKey: ENDPOINT_KEY, allowPrivate: true } });
    expect(created.status, created.body).toBe(200);
    expect(created.body).not.toContain(ENDPOINT_KEY);
    expect((created.json as { endpoint: { keyLast4: string } }).endpoint.keyLast4).toBe("3210");

    const unlisted = await app.call("POST", "/api/probe/runs", { cookie: curator.cookie, json: { setId, model: "other", endpoint: "local-vllm" } });
    expect(unlisted.status).toBe(400);
    expect(JSON.stringify(unlisted.json)).toMatch(/offers m, not other/);

    const started = await app.call("POST", "/api/probe/runs", { cookie: curator.cookie, json: { setId, model: "m", endpoint: "local-vllm", concurrency: 1 } });
    expect(started.status, started.body).toBe(200);
    const run = (started.json as { run: { jobId: number; endpoint: string } }).run;
    expect(run.endpoint).toBe("local-vllm");
    await runJob(run.jobId, "test-worker");
    expect((await getJob(run.jobId)).status).toBe("succeeded");
    expect(received.length).toBeGreaterThan(0);
    expect(received.every((r) => r.authorization === `Bearer ${ENDPOINT_KEY}`)).toBe(true);
    noKeyReceived();
  });

  it("an endpoint whose private allowance an admin withdraws is refused before any request, also for a queued job", async () => {
    const before = received.length;
    const { rows } = await pool().query<{ id: number }>(`SELECT id FROM model_endpoint WHERE name = 'local-vllm'`);
    const id = rows[0]!.id;
    const started = await app.call("POST", "/api/probe/runs", { cookie: curator.cookie, json: { setId, model: "m", endpoint: "local-vllm", fresh: true } });
    const jobId = (started.json as { run: { jobId: number } }).run.jobId;
    const patched = await app.call("PATCH", `/api/endpoints/${id}`, { cookie: admin.cookie, json: { name: "local-vllm", baseUrl: "https://models.example.org/v1", models: ["m"] } });
    expect(patched.status, patched.body).toBe(200);
    // an admin who points it back at loopback without the allowance is refused
    const back = await app.call("PATCH", `/api/endpoints/${id}`, { cookie: admin.cookie, json: { name: "local-vllm", baseUrl: listenerUrl, models: ["m"] } });
    expect(back.status).toBe(400);
    // even a row changed behind the app's back (allowance off, loopback URL) is refused by the job at connect time
    await pool().query(`UPDATE model_endpoint SET base_url = $2, allow_private = false WHERE id = $1`, [id, listenerUrl]);
    await runJob(jobId, "test-worker-2");
    const job = await getJob(jobId);
    expect(job.status).toBe("failed");
    expect(job.error).toMatch(/loopback or private/);
    expect(received.length).toBe(before);
    noKeyReceived();
  });
});
