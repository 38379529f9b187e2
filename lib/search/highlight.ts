import { pool } from "@/lib/db/client";

/**
 * Search hits are marked by PostgreSQL itself (ts_headline with the same English configuration as the search),
 * so a highlighted word is exactly a word that matched, stemming included ("Salzburg" marks salzburg's too).
 * The marks are two private-use characters, never HTML: the client splits on them and renders <mark>s.
 */
import { HL_START, HL_STOP } from "./highlight-marks";

export { HL_START, HL_STOP };

/** SQL for a highlighted excerpt (or, with `all`, the whole text) of `textSql` for the tsquery of parameter `qParam`. */
export function headlineSql(textSql: string, qParam: string, opts: { all?: boolean; words?: number } = {}): string {
  const options = opts.all
    ? `StartSel="${HL_START}", StopSel="${HL_STOP}", HighlightAll=true`
    : `StartSel="${HL_START}", StopSel="${HL_STOP}", MaxWords=${opts.words ?? 40}, MinWords=${Math.round((opts.words ?? 40) / 2)}, MaxFragments=2, FragmentDelimiter=" … "`;
  return `ts_headline('english', ${textSql}, websearch_to_tsquery('english', ${qParam}), '${options}')`;
}

/** The stems a query searches for ("Salzburg's museums" → salzburg, museum), shown to explain matches. */
export async function queryStems(q: string | undefined): Promise<string[]> {
  if (!q?.trim()) return [];
  const { rows } = await pool().query<{ tree: string }>(`SELECT querytree(websearch_to_tsquery('english', $1)) AS tree`, [q]);
  const stems = new Set<string>();
  // querytree reads like 'salzburg' & !'vienna' & 'museum': keep the positive terms
  for (const m of (rows[0]?.tree ?? "").matchAll(/(!?)'((?:[^']|'')+)'/g)) if (!m[1]) stems.add(m[2]!.replace(/''/g, "'"));
  return [...stems];
}
