import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { projectRoot } from "@/lib/config/paths";
import { codeItem, databaseItem, documentItem, type CodePiece, type DatabasePiece, type DocumentPiece } from "./format";
import type { ProbeItem, ProbeStyle } from "./types";

/** The paper's raw pieces, shipped gzipped in data/valprobing (MIT, microsoft/FILM; see data/README.md). */
const FILES: Record<ProbeStyle, string> = {
  document: "document_sentences.jsonl.gz",
  code: "code_functions.jsonl.gz",
  database: "database_entities.jsonl.gz",
};

export function piecesFile(style: ProbeStyle): string {
  return path.join(projectRoot(), "data", "valprobing", FILES[style]);
}

const cache = new Map<ProbeStyle, ProbeItem[]>();

/** All pieces of a style as context items, in file order (a few MB; loaded once per process). */
export function valProbingItems(style: ProbeStyle): ProbeItem[] {
  const hit = cache.get(style);
  if (hit) return hit;
  const text = zlib.gunzipSync(fs.readFileSync(piecesFile(style))).toString("utf8");
  const rows = text.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as unknown);
  const items = rows.map((r) => {
    switch (style) {
      case "document": return documentItem(r as DocumentPiece);
      case "code": return codeItem(r as CodePiece);
      case "database": return databaseItem(r as DatabasePiece);
    }
  });
  cache.set(style, items);
  return items;
}
