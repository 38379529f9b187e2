import { ContextResolver, loadContextTexts } from "@/lib/contexts";
import { loadPrebuiltContexts } from "./context-bytes";
import type { ContextStore, LoadedContext } from "./types";

/**
 * The app's context store: lib/contexts matches recipes and assembles missing contexts in one run; pages load with
 * their texts JSON-escaped by PostgreSQL (context-bytes.ts).
 */
export const appContextStore: ContextStore = {
  open: (req) => ContextResolver.open(req),
  load: loadPrebuiltContexts,
};

/** The same contexts rebuilt as strings by lib/contexts' loadContextTexts: the reference the fast path is checked against. */
export const textContextStore: ContextStore = {
  open: (req) => ContextResolver.open(req),
  async load(contextIds) {
    const out = new Map<number, LoadedContext>();
    for (const c of await loadContextTexts(contextIds)) {
      out.set(c.id, { runId: c.runId, text: c.text, spans: c.spans, kind: c.kind, totalTokens: c.totalTokens, tokenizer: c.tokenizer,
        evidenceDepths: c.evidenceDepths, seed: c.seed, tokenOffsets: c.tokenOffsets });
    }
    return out;
  },
};
