import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { runCli } from "../support/cli";
import { startFakeOpenAi, type FakeOpenAi } from "./fake-openai";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "in2-probe-cli-"));
let server: FakeOpenAi;

beforeAll(async () => {
  await useTestDatabase();
  // Answers every code question with the right function name by reading the context: `def name():` above the line.
  server = await startFakeOpenAi((prompt) => {
    const line = /contains the code line "(.*)"\? Output the function name\.$/.exec(prompt)?.[1] ?? "";
    const before = prompt.slice(0, prompt.indexOf(`    ${line}`));
    const name = [...before.matchAll(/^def (\S+)\(\):$/gm)].at(-1)?.[1] ?? "unknown";
    return `The function is ${name}.`;
  });
});
afterAll(async () => {
  await server.close();
});

describe("in2 probe", () => {
  it("builds a code set into Postgres and JSONL, then scores that file against a model endpoint", async () => {
    const out = path.join(tmp, "code.jsonl");
    const built = await runCli(["probe", "build", "--style", "code", "--tokens", "2048", "--sets", "2", "--seed", "5", "--positions", "10", "--out", out]);
    expect(built.code, built.stderr).toBe(0);
    const summary = built.json as { set: number; examples: number; excluded: number; contexts: number; written: number };
    expect(summary.contexts).toBe(2);
    expect(summary.examples + summary.excluded).toBe(20);
    const lines = fs.readFileSync(out, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(summary.examples);
    expect(Object.keys(lines[0]!)).toEqual(expect.arrayContaining(["prompt", "answer", "style", "position", "set_id"]));
    expect(lines[0]!.style).toBe("code");
    expect(String(lines[0]!.prompt)).toMatch(/^def \S+\(\):\n/);
    expect(new Set(lines.map((l) => l.set_id))).toEqual(new Set([0, 1]));

    const added = await runCli(["endpoint", "add", "--name", "local-fake", "--base-url", server.url, "--allow-private"]);
    expect(added.code, added.stderr).toBe(0);
    const run = await runCli(["probe", "run", "--set", out, "--model", "fake-coder", "--endpoint", "local-fake", "--concurrency", "2"]);
    expect(run.code, run.stderr).toBe(0);
    const r = run.json as { set: number; scored: number; avg: number; gap: number; reference: { models: unknown[] } };
    expect(r.set).toBe(summary.set);
    expect(r.scored).toBe(summary.examples);
    expect(r.avg).toBe(100);
    expect(r.gap).toBe(0);
    expect(r.reference.models).toHaveLength(3);
    expect(run.stderr).toMatch(/scored/);
  });

  it("explains what is missing", async () => {
    const r = await runCli(["probe", "run", "--model", "m"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--set ID or --set PATH/);
  });
});
