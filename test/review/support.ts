import { importFiles } from "@/lib/corpus/importer";
import { DEMO_CORPUS, demoFile } from "@/lib/corpus/demo";
import { seedReviewPairs } from "@/lib/review/seed";

/** The demo corpus (1,000 real C4 documents) plus corpus-real pairs, the way the e2e seed and a user get them. */
export async function seedDemo(count: number) {
  const summary = await importFiles({ corpus: DEMO_CORPUS, files: [{ path: demoFile() }] });
  const seeded = await seedReviewPairs(summary.corpusId, count);
  return { corpusId: summary.corpusId, ...seeded };
}
