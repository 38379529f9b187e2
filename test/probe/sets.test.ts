import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { importFiles } from "@/lib/corpus/importer";
import { buildAndSaveProbeSet } from "@/lib/probe/build-set";
import { writeProbeJsonl } from "@/lib/probe/export-file";
import { probeSetFromFile } from "@/lib/probe/import-file";
import { buildProbeBody } from "@/lib/probe/schemas";
import { listProbeSets } from "@/lib/probe/sets";
import { useTestDatabase } from "../support/db";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "in2-probe-sets-"));

beforeAll(async () => {
  await useTestDatabase();
});

describe("probe sets in Postgres", () => {
  it("builds document sets from a corpus's own sentences with the corpus tokenizer", async () => {
    const fix = path.join(process.cwd(), "data", "fixtures", "c4-gz");
    await importFiles({ corpus: "news", files: [1, 2, 3].map((i) => ({ path: path.join(fix, `c4-sample.0${i}.json.gz`) })) });
    const set = await buildAndSaveProbeSet(buildProbeBody.parse({ style: "document", corpus: "news", tokens: 2048, sets: 1, seed: "s" }));
    expect(set.source).toBe("corpus:news");
    expect(set.tokenizer).toBe("mistral");
    expect(set.itemsPerContext).toBeGreaterThan(20);
    expect(set.exampleCount + set.excludedCount).toBe(set.itemsPerContext);
    await expect(buildAndSaveProbeSet(buildProbeBody.parse({ style: "code", corpus: "news", tokens: 2048 }))).rejects.toThrow(/only document-style/);
  });

  it("exports JSONL that finds its own set again, and imports a foreign JSONL once", async () => {
    const set = await buildAndSaveProbeSet(buildProbeBody.parse({ style: "database", tokens: 1024, sets: 1, seed: 9, positions: 4 }));
    const file = path.join(tmp, "db.jsonl");
    expect(await writeProbeJsonl(set, file)).toBe(set.exampleCount);
    const rec = JSON.parse(fs.readFileSync(file, "utf8").split("\n")[0]!) as Record<string, unknown>;
    expect(rec).toMatchObject({ style: "database", set_id: 0, position: 0, probe_set: set.id, relative_position: 0 });
    expect(typeof rec.label).toBe("string");
    expect((await probeSetFromFile(file)).id).toBe(set.id);

    const foreign = path.join(tmp, "foreign.jsonl");
    fs.writeFileSync(foreign, [
      { prompt: "ctx A\n\nQ?", answer: "Alpha", style: "database", position: 0, set_id: 0, label: "Alpha", description: "first" },
      { prompt: "ctx B\n\nQ?", answer: "Beta", style: "database", position: 1, set_id: 0, label: "Beta", description: "second" },
    ].map((r) => JSON.stringify(r)).join("\n"));
    const imported = await probeSetFromFile(foreign);
    expect(imported.id).not.toBe(set.id);
    expect(imported).toMatchObject({ source: "file:foreign.jsonl", exampleCount: 2, itemsPerContext: 2 });
    expect((await probeSetFromFile(foreign)).id).toBe(imported.id);
    expect((await listProbeSets()).map((s) => s.id)).toContain(imported.id);
  });
});
