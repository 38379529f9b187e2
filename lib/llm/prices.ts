import fs from "node:fs";
import { z } from "zod";

/**
 * Dollars per million tokens. The defaults are OpenAI's list prices when this table was written; set
 * IN2_PRICE_TABLE to a JSON file (or inline JSON) of the same shape to add models or correct prices —
 * entries there override these. Batch API requests cost half (OpenAI's published discount).
 */
export interface Price { input: number; output: number }

const DEFAULT_PRICES: Record<string, Price> = {
  "gpt-4o-mini": { input: 0.15, output: 0.6 },
  "gpt-4o": { input: 2.5, output: 10 },
  "gpt-4.1": { input: 2, output: 8 },
  "gpt-4.1-mini": { input: 0.4, output: 1.6 },
  "gpt-4.1-nano": { input: 0.1, output: 0.4 },
  "gpt-5": { input: 1.25, output: 10 },
  "gpt-5-mini": { input: 0.25, output: 2 },
  "gpt-5-nano": { input: 0.05, output: 0.4 },
};

export const BATCH_DISCOUNT = 0.5;

const priceFile = z.record(z.string(), z.object({ input: z.number().nonnegative(), output: z.number().nonnegative() }));

export function priceTable(env: NodeJS.ProcessEnv = process.env): Record<string, Price> {
  const spec = env.IN2_PRICE_TABLE?.trim();
  if (!spec) return { ...DEFAULT_PRICES };
  const text = spec.startsWith("{") ? spec : fs.readFileSync(spec, "utf8");
  const parsed = priceFile.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`IN2_PRICE_TABLE is not a {model: {input, output}} table: ${parsed.error.issues[0]?.message}`);
  return { ...DEFAULT_PRICES, ...parsed.data };
}

/** The price of `model`, also matching dated snapshots ("gpt-4o-mini-2024-07-18" → "gpt-4o-mini"). */
export function priceFor(model: string, table: Record<string, Price> = priceTable()): Price | null {
  if (table[model]) return table[model];
  const base = Object.keys(table).filter((k) => model.startsWith(`${k}-`)).sort((a, b) => b.length - a.length)[0];
  return base ? table[base]! : null;
}

export function costUsd(price: Price | null, promptTokens: number, completionTokens: number, batch = false): number {
  if (!price) return 0;
  const usd = (promptTokens * price.input + completionTokens * price.output) / 1_000_000;
  return batch ? usd * BATCH_DISCOUNT : usd;
}
