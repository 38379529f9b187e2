import fs from "node:fs";
import { once } from "node:events";
import { exportRecords } from "./examples";
import type { ProbeStyle } from "./types";

/** Writes a set's examples as JSON Lines to `file`, waiting on the stream so 32K sets stay in bounded memory. */
export async function writeProbeJsonl(set: { id: number; style: ProbeStyle }, file: string): Promise<number> {
  const out = fs.createWriteStream(file);
  let n = 0;
  try {
    for await (const rec of exportRecords(set)) {
      if (!out.write(`${JSON.stringify(rec)}\n`)) await once(out, "drain");
      n++;
    }
  } finally {
    out.end();
    await once(out, "close");
  }
  return n;
}
