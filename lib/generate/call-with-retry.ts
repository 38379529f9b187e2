import { callWithRetry as call, type RetryOptions } from "@/lib/model-items/call";
import type { Spent } from "@/lib/model-items/items";
import { ItemError, type Generator } from "./generator";
import { validateOutput, type GeneratedQa } from "./validate";

/**
 * One item to the end under the shared retry policy (lib/model-items/call.ts): a reply is valid when it passes
 * validateOutput; an ItemError (the offline generator cannot do this item) fails the item at once.
 */
export type { RetryOptions };

export type ItemResult =
  | ({ ok: true; qa: GeneratedQa; raw: unknown } & Spent)
  | ({ ok: false; reason: string; raw: string | null; fatal: boolean } & Spent);

export async function callWithRetry(gen: Generator, item: { key: string; type: "single" | "multi" }, texts: string[], o: RetryOptions): Promise<ItemResult> {
  const r = await call((signal) => gen.attempt(item, texts, signal), (reply) => {
    const v = validateOutput(item.type, reply.content, texts.length);
    return v.ok ? { ok: true, value: v.qa } : { ok: false, reason: v.reason, raw: reply.content || JSON.stringify(reply.raw) };
  }, o, (err) => err instanceof ItemError);
  if (!r.ok) return r;
  const { value, reply, ...spent } = r;
  return { ...spent, qa: value, raw: reply.raw };
}
