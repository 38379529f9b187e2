import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_BODY_LIMIT } from "@/lib/api/route";
import { apiTokenizerName } from "@/lib/tokenize/policy";
import { useTestDatabase } from "../support/db";
import { account, routeUrl, startTestServer, type TestServer } from "./http-server";

/** Explicit bounds on bodies, arrays, strings, file names, page sizes, and where hf: tokenizers may come from. */
let app: TestServer;
let curator: Awaited<ReturnType<typeof account>>;
const tokDir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-tokdir-"));
const outside = fs.mkdtempSync(path.join(os.tmpdir(), "in2-outside-"));
const savedDir = process.env.IN2_TOKENIZER_DIR;

beforeAll(async () => {
  await useTestDatabase();
  process.env.IN2_TOKENIZER_DIR = tokDir;
  fs.mkdirSync(path.join(tokDir, "tiny"));
  fs.writeFileSync(path.join(tokDir, "tiny", "tokenizer.json"), "{}");
  fs.writeFileSync(path.join(outside, "tokenizer.json"), "{}");
  fs.symlinkSync(path.join(outside, "tokenizer.json"), path.join(tokDir, "escape.json"));
  app = await startTestServer();
  curator = await account("curator");
});
afterAll(async () => {
  await app.close();
  process.env.IN2_TOKENIZER_DIR = savedDir;
  fs.rmSync(tokDir, { recursive: true, force: true });
  fs.rmSync(outside, { recursive: true, force: true });
});

const big = (bytes: number) => JSON.stringify({ corpus: "x", uploads: ["a"], textField: "t".repeat(bytes) });

describe("request bounds", () => {
  it("an oversized body gets 413 with a clear message, declared or streamed without a length", async () => {
    const declared = await app.call("POST", "/api/imports", { cookie: curator.cookie, raw: big(DEFAULT_BODY_LIMIT + 10) });
    expect(declared.status).toBe(413);
    expect((declared.json as { error: { code: string; message: string } }).error).toEqual({
      code: "payload_too_large", message: expect.stringMatching(/larger than 1 MiB, the limit of this route/),
    });
    const streamed = await app.call("POST", "/api/pairs/bulk", { cookie: curator.cookie, raw: big(3 * DEFAULT_BODY_LIMIT), chunked: true });
    expect(streamed.status, streamed.body).toBe(413);
    expect(streamed.body).toMatch(/larger than 1 MiB/);
    // just under the limit is parsed (and then judged on its content)
    const under = await app.call("POST", "/api/imports", { cookie: curator.cookie, raw: big(DEFAULT_BODY_LIMIT - 200) });
    expect(under.status).toBe(400);
    expect(under.body).toMatch(/textField/);
  });

  it("every route that takes a JSON body refuses one over the limit with 413, before its handler runs", async () => {
    const admin = await account("admin");
    const payload = big(DEFAULT_BODY_LIMIT + 1);
    let checked = 0;
    for (const e of app.routes) {
      for (const method of ["POST", "PUT", "PATCH", "DELETE"] as const) {
        const handler = e.module[method] as { spec?: { body?: unknown; maxBodyBytes?: number } } | undefined;
        if (!handler?.spec?.body || handler.spec.maxBodyBytes) continue;
        const res = await app.call(method, routeUrl(e), { cookie: admin.cookie, raw: payload });
        expect(res.status, `${method} ${routeUrl(e)}`).toBe(413);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(15);
  });

  it("arrays, strings, file names and page sizes are bounded", async () => {
    const many = await app.call("POST", "/api/imports", { cookie: curator.cookie, json: { corpus: "x", uploads: Array.from({ length: 1001 }, (_, i) => `u${i}`) } });
    expect(many.status).toBe(400);
    expect(many.body).toMatch(/at most 1000 files/);
    const longName = await app.call("POST", `/api/uploads?name=${"n".repeat(301)}.jsonl`, { cookie: curator.cookie, raw: "{}" });
    expect(longName.status).toBe(400);
    const page = await app.call("GET", "/api/segments?limit=100000", { cookie: curator.cookie });
    expect(page.status).toBe(400);
    const query = await app.call("GET", `/api/segments?q=${"q".repeat(5000)}`, { cookie: curator.cookie });
    expect(query.status).toBe(400);
    expect(query.body).toMatch(/longer than 2000 characters/);
    const nul = await app.call("POST", "/api/tokens", { cookie: curator.cookie, raw: JSON.stringify({ name: "a\u0000b" }) });
    expect(nul.status).toBe(400);
    expect(nul.body).toMatch(/NUL/);
  });
});

describe("hf: tokenizers named through the API", () => {
  it("are refused outside the admin's tokenizer directory, by absolute path, by ../ and by symlink", async () => {
    for (const tokenizer of [`hf:${path.join(outside, "tokenizer.json")}`, "hf:../../../etc/passwd.json", "hf:escape.json", "hf:missing/tokenizer.json"]) {
      for (const [p, body] of [
        ["/api/probe/sets", { style: "database", tokens: 1024, sets: 1, tokenizer }],
        ["/api/imports", { corpus: "x", uploads: ["a"], tokenizer }],
      ] as const) {
        const res = await app.call("POST", p, { cookie: curator.cookie, json: body });
        expect(res.status, `${p} ${tokenizer}`).toBe(400);
        expect(res.body).toContain(tokDir);
      }
    }
  });

  it("are accepted inside it, canonicalised to the real absolute path (relative to the directory)", () => {
    expect(apiTokenizerName("hf:tiny/tokenizer.json")).toBe(`hf:${fs.realpathSync(path.join(tokDir, "tiny", "tokenizer.json"))}`);
    expect(apiTokenizerName("mistral")).toBe("mistral");
  });
});
