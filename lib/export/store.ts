import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir } from "@/lib/config/paths";

/**
 * The export store: the directory export files are written to and downloads stream from. By default the data
 * dir's `exports` folder of the process (the web server's, for jobs it queues); `IN2_EXPORT_DIR` names a shared
 * directory (NFS, a mounted bucket) instead. A store is identified by a random id kept in a marker file inside it,
 * so every process that sees the same directory — on any machine, at any mount point — agrees on the id. Export
 * jobs record the id (job.store) and are delivered only to workers that have that store (lib/jobs/queue.ts):
 * with the default store that is the web server's own worker; with a shared IN2_EXPORT_DIR, every worker.
 */
export interface ExportStore { id: string; dir: string }

const MARKER = ".in2-store";
const cache = new Map<string, string>();

export function exportStoreDir(): string {
  return process.env.IN2_EXPORT_DIR ? path.resolve(process.env.IN2_EXPORT_DIR) : path.join(dataDir(), "exports");
}

export function exportStore(): ExportStore {
  const dir = exportStoreDir();
  let id = cache.get(dir);
  if (!id) {
    fs.mkdirSync(dir, { recursive: true });
    const marker = path.join(dir, MARKER);
    try {
      // wx: of two processes creating the store at once, one writes the id and both read it back
      fs.writeFileSync(marker, `store-${crypto.randomUUID()}\n`, { flag: "wx" });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    id = fs.readFileSync(marker, "utf8").trim();
    if (!/^store-[\w-]+$/.test(id)) throw new Error(`${marker} does not hold an export store id; remove it to make a new one`);
    cache.set(dir, id);
  }
  return { id, dir };
}

/** A file of this store: the recorded path when this process sees it there, else the same name in its store dir. */
export function inStore(recorded: string): string {
  if (fs.existsSync(recorded)) return recorded;
  return path.join(exportStoreDir(), path.basename(recorded));
}
