// Seeds a corpus of hostile text (script tags, event handlers, javascript: links, very long lines) with pairs
// and assembled contexts, into the running e2e server's database. Run: node --import tsx e2e/support/seed-hostile.ts
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { importFiles } from "@/lib/corpus/importer";
import { DEMO_CORPUS, demoFile } from "@/lib/corpus/demo";
import { ensureContexts } from "@/lib/contexts";
import { closeDb, pool } from "@/lib/db/client";
import { ensureDatabase } from "@/lib/db/database";
import { insertPairs } from "@/lib/pairs/create";
import { HOSTILE_DOCS, HOSTILE_QUESTION } from "./hostile";

const handle = await ensureDatabase();
process.env.DATABASE_URL = handle.url;
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "in2-hostile-")), "hostile.jsonl");
fs.writeFileSync(file, HOSTILE_DOCS.map((text, i) => JSON.stringify({ text, url: `javascript:window.__xss=${10 + i}` })).join("\n"));
await importFiles({ corpus: DEMO_CORPUS, files: [{ path: demoFile() }] });
const imported = await importFiles({ corpus: "hostile", files: [{ path: file }] });
const { rows } = await pool().query<{ id: number; document_id: number; text: string }>(
  `SELECT s.id, s.document_id, s.text FROM segment s WHERE s.corpus_id = $1 AND s.index = 0 ORDER BY s.id`, [imported.corpusId]);
const pairIds = await insertPairs(rows.map((s) => ({
  type: "single" as const, corpusId: imported.corpusId, documentId: s.document_id,
  question: HOSTILE_QUESTION, answer: `<img src=x onerror="window.__xss=99"> ${s.text.slice(0, 40)}`,
  support: [s.text.slice(0, 60)], evidence: [{ piece: 1, segmentId: s.id, documentId: s.document_id }],
  provider: "offline", model: "e2e", promptVersion: "e2e", original: { question: HOSTILE_QUESTION },
})));
await pool().query(`UPDATE pair SET status = 'accepted' WHERE id = ANY($1::int[])`, [pairIds.slice(1)]);
await ensureContexts(pairIds, { minTokens: 1024, maxTokens: 2048, shortRatio: 0, seed: 7 });
process.stdout.write(`${JSON.stringify({ corpusId: imported.corpusId, pairIds, documentIds: rows.map((r) => r.document_id) })}\n`);
await closeDb();
await handle.close();
