import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { pool } from "@/lib/db/client";
import { findProbeSetByFile, getProbeSet, saveProbeSet, type ProbeSetRow } from "./sets";
import { PROBE_STYLES, type BuiltExample } from "./types";

const record = z.object({
  prompt: z.string().min(1),
  answer: z.string(),
  style: z.enum(PROBE_STYLES),
  position: z.number().int().nonnegative(),
  set_id: z.number().int().nonnegative().default(0),
  item_count: z.number().int().positive().optional(),
  key: z.string().optional(),
  question: z.string().optional(),
  label: z.string().optional(),
  description: z.string().optional(),
  prompt_tokens: z.number().int().optional(),
  probe_set: z.number().int().optional(),
});

/**
 * The probe set a JSONL file stands for: the stored set it was exported from (same id, size and first
 * answer), one imported earlier (same sha256), or a new set imported from it, prompts kept whole.
 */
export async function probeSetFromFile(file: string): Promise<ProbeSetRow> {
  const raw = await fs.promises.readFile(file);
  const sha = crypto.createHash("sha256").update(raw).digest("hex");
  const known = await findProbeSetByFile(sha);
  if (known) return known;
  const lines = raw.toString("utf8").split("\n").filter((l) => l.trim());
  const recs = lines.map((l, i) => {
    let json: unknown;
    try { json = JSON.parse(l); } catch { throw new Error(`${file}:${i + 1}: not JSON`); }
    const r = record.safeParse(json);
    if (!r.success) throw new Error(`${file}:${i + 1}: ${r.error.issues[0]?.path.join(".")}: ${r.error.issues[0]?.message}`);
    return r.data;
  });
  const first = recs[0];
  if (!first) throw new Error(`${file}: no examples`);
  if (recs.some((r) => r.style !== first.style)) throw new Error(`${file}: a probe set has one style; split the file by style`);
  const own = await ownSet(first.probe_set, recs.length, first);
  if (own) return own;

  const itemCounts = new Map<number, number>();
  for (const r of recs) itemCounts.set(r.set_id, Math.max(itemCounts.get(r.set_id) ?? 0, r.item_count ?? r.position + 1));
  const examples = recs.map((r): BuiltExample => {
    const meta: Record<string, string> = first.style === "database" ? { label: r.label ?? r.answer, description: r.description ?? "" } : {};
    return {
      setIndex: r.set_id, position: r.position, itemCount: r.item_count ?? itemCounts.get(r.set_id)!, key: r.key ?? "",
      question: r.question ?? "", answer: r.answer, promptTokens: r.prompt_tokens ?? 0, prompt: r.prompt, meta,
    };
  });
  return saveProbeSet({
    name: path.basename(file), style: first.style, source: `file:${path.basename(file)}`, tokenizer: "unknown",
    tokenBudget: Math.max(0, ...examples.map((e) => e.promptTokens)), setCount: itemCounts.size, seed: "", fileSha256: sha,
  }, { contexts: [], examples, excluded: [] });
}

async function ownSet(id: number | undefined, count: number, first: z.infer<typeof record>): Promise<ProbeSetRow | null> {
  if (id === undefined) return null;
  const set = await getProbeSet(id).catch(() => null);
  if (!set || set.style !== first.style || set.exampleCount !== count) return null;
  const { rows } = await pool().query<{ answer: string }>(
    `SELECT answer FROM probe_example WHERE set_id = $1 AND set_index = $2 AND position = $3`, [id, first.set_id, first.position]);
  return rows[0]?.answer === first.answer ? set : null;
}
