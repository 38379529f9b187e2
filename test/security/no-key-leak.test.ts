import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/tokens";
import { pool } from "@/lib/db/client";
import { createEndpoint } from "@/lib/endpoints";
import { resetSecretCache } from "@/lib/endpoints/secret";
import { stopBoss } from "@/lib/jobs/queue";
import { buildAndSaveProbeSet } from "@/lib/probe/build-set";
import { runProbeInProcess } from "@/lib/probe/run-in-process";
import { buildProbeBody } from "@/lib/probe/schemas";
import { runGeneration, seedCorpus } from "../generate/helpers";
import { useTestDatabase } from "../support/db";
import { startFakeOpenAi, type FakeOpenAi } from "../probe/fake-openai";
import { account, routeUrl, startTestServer, type TestServer } from "./http-server";

/**
 * No answer anywhere carries a model key: one stored on an endpoint (encrypted) and the environment's. Real data
 * first (a corpus, pairs, probe sets and runs through both endpoints, tokens, audit events), then every GET route
 * as an admin, over HTTP.
 */
const ENV_KEY = "sk-env-LEAKCHECK-0a1b2c3d4e5f";
const STORED_KEY = "sk-stored-LEAKCHECK-9f8e7d6c5b4a";
const SECRET = "server secret LEAKCHECK 1234567890";
const saved = { key: process.env.OPENAI_API_KEY, base: process.env.OPENAI_BASE_URL, secret: process.env.IN2_SECRET };

let app: TestServer;
let fake: FakeOpenAi;
let admin: Awaited<ReturnType<typeof account>>;
let cipher = "";

beforeAll(async () => {
  await useTestDatabase();
  fake = await startFakeOpenAi(() => "no idea");
  Object.assign(process.env, { OPENAI_API_KEY: ENV_KEY, OPENAI_BASE_URL: fake.url, IN2_SECRET: SECRET });
  resetSecretCache();
  app = await startTestServer();
  admin = await account("admin");
  await account("curator");
  await createApiToken(admin.user.id, "nightly", 30);
  await createEndpoint({ name: "stored", baseUrl: fake.url, models: ["probe-m"], apiKey: STORED_KEY, allowPrivate: true }, admin.user);
  cipher = (await pool().query<{ c: string }>(`SELECT key_cipher AS c FROM model_endpoint WHERE name = 'stored'`)).rows[0]!.c;
  await seedCorpus("leak");
  await runGeneration({ type: "single", count: 6, provider: "offline", seed: 1 });
  const set = await buildAndSaveProbeSet(buildProbeBody.parse({ style: "database", tokens: 1024, sets: 1, seed: "leak", positions: 3 }));
  await runProbeInProcess({ setId: set.id, model: "probe-m", endpoint: "stored", concurrency: 1, fresh: false });
  await runProbeInProcess({ setId: set.id, model: "probe-m", concurrency: 1, fresh: false });
  await app.call("POST", "/api/auth/login", { json: { email: admin.user.email, password: "wrong wrong wrong" } });
}, 120_000);

afterAll(async () => {
  await app.close();
  await fake.close();
  await stopBoss();
  process.env.OPENAI_API_KEY = saved.key;
  process.env.OPENAI_BASE_URL = saved.base;
  process.env.IN2_SECRET = saved.secret;
  resetSecretCache();
});

describe("model keys", () => {
  it("were really used: one probe run through the stored endpoint, one through the environment's default", async () => {
    const { rows } = await pool().query<{ endpoint: string; answered: number }>(
      `SELECT r.endpoint, count(res.reply)::int AS answered FROM probe_run r JOIN probe_result res ON res.run_id = r.id GROUP BY 1 ORDER BY 1`);
    expect(rows).toEqual([{ endpoint: "default", answered: 3 }, { endpoint: "stored", answered: 3 }]);
    expect(fake.requests.length).toBe(6);
    expect(cipher).toMatch(/^v1\./);
    expect(cipher).not.toContain(STORED_KEY);
  });

  it("appear in no answer of any GET route, crawled as an admin over HTTP with real data", async () => {
    let checked = 0;
    let ok = 0;
    for (const e of app.routes) {
      if (!e.module.GET) continue;
      const urls = [routeUrl(e, "1"), routeUrl(e, "2")];
      if (urls[0] === "/api/tokens") urls.push("/api/tokens?all=true");
      for (const url of [...new Set(urls)]) {
        for (const credentials of [{ cookie: admin.cookie }, { bearer: admin.token }]) {
          const res = await app.call("GET", url, credentials);
          for (const secret of [ENV_KEY, STORED_KEY, cipher, SECRET, "LEAKCHECK"]) expect(res.body, `GET ${url}`).not.toContain(secret);
          checked++;
          if (res.status === 200) ok++;
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
    // real data: most routes answered with content, not 404s
    expect(ok).toBeGreaterThan(checked * 0.6);
    const eps = await app.call("GET", "/api/endpoints", { cookie: admin.cookie });
    expect(eps.body).toContain('"keyLast4":"5b4a"');
  });
});
