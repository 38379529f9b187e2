import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as startImport } from "@/app/api/imports/route";
import { importFiles } from "@/lib/corpus/importer";
import { saveUpload } from "@/lib/corpus/uploads";
import { corpusLicense } from "@/lib/dataset/license";
import { pool } from "@/lib/db/client";
import "@/lib/jobs/kinds";
import { stopBoss } from "@/lib/jobs/queue";
import { runJob } from "@/lib/jobs/runner";
import { signedIn } from "../support/auth";
import { runCli } from "../support/cli";
import { useTestDatabase } from "../support/db";

/** Issue 16: a corpus's licence is given at import, found in a Hub folder's card, or reported as unknown. */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "in2-import-license-"));
const doc = (i: number) => JSON.stringify({
  text: `Licence test document ${i}. The council met on Tuesday to vote on the budget for road repairs, schools and the library.\n` +
    `Residents spoke for an hour about the bus routes, the park and the new housing estate on the edge of town ${i}.`,
});
const write = (name: string, lines: number, from = 0) => {
  const file = path.join(tmp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Array.from({ length: lines }, (_, i) => doc(from + i)).join("\n"));
  return file;
};
let env: Record<string, string>;

beforeAll(async () => {
  await useTestDatabase();
  env = { DATABASE_URL: process.env.DATABASE_URL! };
});

afterAll(async () => {
  await stopBoss();
});

describe("licence at import", () => {
  it("takes an SPDX id as the Hub id a card states, and refuses a bad one before creating anything", async () => {
    const s = await importFiles({ corpus: "lic-flag", files: [{ path: write("a.jsonl", 3) }], license: "ODC-By-1.0" });
    expect([s.license, s.licenseSource]).toEqual(["odc-by", "option"]);
    expect((await corpusLicense("lic-flag")).license).toBe("odc-by");
    await expect(importFiles({ corpus: "lic-bad", files: [{ path: write("b.jsonl", 2) }], license: "not a licence!" }))
      .rejects.toThrow(/is not a licence id/);
    const { rows } = await pool().query(`SELECT 1 FROM corpus WHERE name = 'lic-bad'`);
    expect(rows).toHaveLength(0);
  });

  it("reads a Hub folder's README.md front matter, and keeps a corpus's licence when nothing new is said", async () => {
    const dir = path.join(tmp, "hub");
    write("hub/data/train-00000-of-00001.jsonl", 4, 100);
    fs.writeFileSync(path.join(dir, "README.md"), "---\nlicense:\n- cc-by-sa-4.0\nlanguage:\n- en\n---\n# A dataset\n");
    const s = await importFiles({ corpus: "lic-hub", files: [{ path: dir }] });
    expect(s.documents.imported).toBe(4);
    expect([s.license, s.licenseSource]).toEqual(["cc-by-sa-4.0", "source"]);
    const more = await importFiles({ corpus: "lic-hub", files: [{ path: write("more.jsonl", 2, 200) }] });
    expect([more.license, more.licenseSource]).toEqual(["cc-by-sa-4.0", "corpus"]);
    const unknown = await importFiles({ corpus: "lic-none", files: [{ path: write("none.jsonl", 2, 300) }] });
    expect([unknown.license, unknown.licenseSource]).toEqual(["unknown", "unknown"]);
  });

  it("the CLI says how to set an unknown licence, and --license sets it", async () => {
    const file = write("cli.jsonl", 3, 400);
    const unknown = await runCli(["import", file, "--corpus", "lic-cli"], env);
    expect(unknown.code).toBe(0);
    expect((unknown.json as { license: string }).license).toBe("unknown");
    expect(unknown.stderr).toMatch(/licence of "lic-cli" is unknown/);
    expect(unknown.stderr).toContain(`in2 license "lic-cli" ID`);
    const set = await runCli(["import", file, "--corpus", "lic-cli", "--license", "CC-BY-4.0"], env);
    expect(set.code).toBe(0);
    expect((set.json as { license: string }).license).toBe("cc-by-4.0");
    expect(set.stderr).not.toMatch(/is unknown/);
    expect((await corpusLicense("lic-cli")).license).toBe("cc-by-4.0");
    const bad = await runCli(["import", file, "--corpus", "lic-cli", "--license", "what?"], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/"what\?" is not a licence id/);
  });

  it("the import API takes the form's licence into the job, and answers 400 for a bad one", async () => {
    const { request } = await signedIn("curator", "lic-curator@test.in2");
    const ctx = { params: Promise.resolve({}) };
    const upload = async (name: string) => saveUpload(name, new Blob([fs.readFileSync(write(name, 2, 500))]).stream());
    const bad = await startImport(request("/api/imports", { method: "POST", body: JSON.stringify({ corpus: "lic-api", uploads: [(await upload("x.jsonl")).id], license: "no way" }) }), ctx);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/not a licence id/);
    const res = await startImport(request("/api/imports", { method: "POST", body: JSON.stringify({ corpus: "lic-api", uploads: [(await upload("y.jsonl")).id], license: "Apache-2.0" }) }), ctx);
    expect(res.status).toBe(200);
    const { jobId } = await res.json() as { jobId: number };
    await runJob(jobId, "test-worker");
    const { rows } = await pool().query<{ status: string; error: string | null; result: { license: string; licenseSource: string } }>(`SELECT status, error, result FROM job WHERE id = $1`, [jobId]);
    expect(rows[0]!.error ?? rows[0]!.status).toBe("succeeded");
    expect([rows[0]!.result.license, rows[0]!.result.licenseSource]).toEqual(["apache-2.0", "option"]);
    expect((await corpusLicense("lic-api")).license).toBe("apache-2.0");
  });
});
