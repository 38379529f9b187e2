/**
 * Seeds the e2e server's database: the demo corpus plus corpus-real pairs. Run by e2e/review.spec.ts as
 * `node --import tsx test/review/seed-e2e.ts <count>` with IN2_DATA_DIR pointing at the running server's data,
 * so it connects to that server's embedded PostgreSQL. Prints one JSON line.
 */
import { importFiles } from "@/lib/corpus/importer";
import { DEMO_CORPUS, demoFile } from "@/lib/corpus/demo";
import { closeDb } from "@/lib/db/client";
import { ensureDatabase } from "@/lib/db/database";
import { seedReviewPairs } from "@/test/support/review-seed";

const count = Number(process.argv[2] ?? 40);
const handle = await ensureDatabase();
process.env.DATABASE_URL = handle.url;
try {
  const summary = await importFiles({ corpus: DEMO_CORPUS, files: [{ path: demoFile() }] });
  const seeded = await seedReviewPairs(summary.corpusId, count);
  process.stdout.write(`${JSON.stringify({ corpusId: summary.corpusId, ...seeded })}\n`);
} finally {
  await closeDb();
  await handle.close();
}
