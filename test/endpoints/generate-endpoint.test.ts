import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEndpoint } from "@/lib/endpoints";
import { resetSecretCache } from "@/lib/endpoints/secret";
import { startGeneration } from "@/lib/generate/start";
import { startFakeOpenAi, type FakeOpenAi } from "../support/fake-openai";
import { useTestDatabase } from "../support/db";
import { pairCount, runGeneration, seedCorpus } from "../generate/helpers";

/** Generation names an endpoint: its URL and key are used, with no OPENAI_* in the environment at all. */
const saved = { key: process.env.OPENAI_API_KEY, base: process.env.OPENAI_BASE_URL, secret: process.env.IN2_SECRET };
let fake: FakeOpenAi;
let corpusId = 0;

beforeAll(async () => {
  await useTestDatabase();
  delete process.env.OPENAI_API_KEY;
  delete process.env.OPENAI_BASE_URL;
  process.env.IN2_SECRET = "generation endpoint test secret";
  resetSecretCache();
  corpusId = await seedCorpus("gen-ep");
  fake = await startFakeOpenAi();
  await createEndpoint({ name: "gen-local", baseUrl: fake.url, models: ["gpt-4o-mini"], apiKey: "sk-gen-local-1234", allowPrivate: true }, null);
});
afterAll(async () => {
  await fake.close();
  for (const [k, v] of [["OPENAI_API_KEY", saved.key], ["OPENAI_BASE_URL", saved.base], ["IN2_SECRET", saved.secret]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetSecretCache();
});

describe("generation through a named endpoint", () => {
  it("uses the endpoint (provider defaults to openai when an endpoint is named)", async () => {
    const job = await runGeneration({ type: "single", count: 4, corpusId, seed: 3, endpoint: "gen-local", model: "gpt-4o-mini", timeoutMs: 2000 });
    expect(job.status, job.error ?? "").toBe("succeeded");
    expect(await pairCount(job.id)).toBe(4);
    expect(fake.requests.filter((r) => r.via === "online")).toHaveLength(4);
  });

  it("is refused before any job exists: unknown endpoint, a model it does not offer", async () => {
    await expect(startGeneration({ type: "single", count: 1, corpusId, endpoint: "nope", model: "gpt-4o-mini" })).rejects.toThrow(/no model endpoint "nope"/);
    await expect(startGeneration({ type: "single", count: 1, corpusId, endpoint: "gen-local", model: "other-model" })).rejects.toThrow(/offers gpt-4o-mini, not other-model/);
    expect(fake.requests).toHaveLength(4);
  });
});
