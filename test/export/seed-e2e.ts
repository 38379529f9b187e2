/**
 * Seeds the e2e server's database for e2e/export.spec.ts: the demo corpus plus corpus-real pairs with review
 * statuses. Run as `node --import tsx test/export/seed-e2e.ts <count>` with IN2_DATA_DIR pointing at the running
 * server's data, so it connects to that server's embedded PostgreSQL. Prints one JSON line.
 */
import { closeDb } from "@/lib/db/client";
import { ensureDatabase } from "@/lib/db/database";
import { seedExportData } from "./support";

const count = Number(process.argv[2] ?? 12);
const handle = await ensureDatabase();
process.env.DATABASE_URL = handle.url;
try {
  const seeded = await seedExportData(count);
  const accepted = seeded.ids.filter((id) => seeded.statusOf.get(id) === "accepted");
  process.stdout.write(`${JSON.stringify({ corpusId: seeded.corpusId, ids: seeded.ids, accepted })}\n`);
} finally {
  await closeDb();
  await handle.close();
}
