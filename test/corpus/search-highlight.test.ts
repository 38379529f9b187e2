import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { importFiles } from "@/lib/corpus/importer";
import { listDocuments } from "@/lib/corpus/documents";
import { listSegments } from "@/lib/corpus/segments";
import { corpusExtras } from "@/lib/corpus/corpus-extras";
import { SEGMENT_FLOOR } from "@/lib/corpus/floor";
import { DEFAULT_MIN_TOKENS } from "@/lib/segment/segment";
import { HL_START, HL_STOP, queryStems } from "@/lib/search/highlight";
import { useTestDatabase } from "../support/db";

let corpusId = 0;
const LONG = Array.from({ length: 6 }, (_, i) => `Paragraph ${i} tells of a long and winding river that flows through the valley past farms, mills and quiet villages where people live.`).join("\n");

beforeAll(async () => {
  await useTestDatabase();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "in2-hl-"));
  const file = path.join(dir, "c.jsonl");
  fs.writeFileSync(file, [
    { text: `${LONG}\nThe festival in Salzburg's old town drew crowds.` },
    { text: "A short note about Vienna." },
    { text: "Another short note, about nothing at all." },
  ].map((r) => JSON.stringify(r)).join("\n") + "\n{broken\n");
  corpusId = (await importFiles({ corpus: "hl", files: [{ path: file }] })).corpusId;
});

describe("search hits are highlighted, with stemming explained", () => {
  it("marks the word form that matched a stemmed search in segment and document excerpts", async () => {
    const segs = await listSegments({ corpusId, q: "Salzburg" });
    expect(segs.items).toHaveLength(1);
    expect(segs.items[0]!.preview).toContain(`${HL_START}Salzburg${HL_STOP}'s`);
    const docs = await listDocuments({ corpusId, q: "salzburg" });
    expect(docs.items[0]!.preview).toContain(`${HL_START}Salzburg${HL_STOP}'s`);
    // without a search, previews stay plain
    expect((await listSegments({ corpusId })).items.every((s) => !s.preview.includes(HL_START))).toBe(true);
  });

  it("lists the stems a query looks for, without negated words", async () => {
    expect((await queryStems("Salzburg's museums -Vienna")).sort()).toEqual(["museum", "salzburg"]);
    expect(await queryStems("")).toEqual([]);
  });
});

describe("corpus extras", () => {
  it("counts documents kept whole (under 128 tokens) and keeps no summary without an import job", async () => {
    expect(SEGMENT_FLOOR).toBe(DEFAULT_MIN_TOKENS);
    const extras = (await corpusExtras()).get(corpusId);
    expect(extras?.shortDocuments).toBe(2);
    expect(extras?.lastImport ?? null).toBeNull();
  });
});
