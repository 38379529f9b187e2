import path from "node:path";
import { projectRoot } from "@/lib/config/paths";

/** The demo corpus shipped in data/demo (see data/README.md for its source and licence). */
export const DEMO_CORPUS = "c4-realnewslike-demo";
/** C4 (and so its realnewslike subset) is released under ODC-By 1.0 (data/README.md). */
export const DEMO_LICENSE = "odc-by";

export function demoFile(): string {
  return path.join(projectRoot(), "data", "demo", "c4-realnewslike-1000.jsonl.gz");
}
