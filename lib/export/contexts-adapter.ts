import { ContextResolver, loadContextTexts } from "@/lib/contexts";
import type { ContextStore, LoadedContext } from "./types";

/** The app's context store: lib/contexts matches recipes, assembles missing contexts in one run and rebuilds texts. */
export const appContextStore: ContextStore = {
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
