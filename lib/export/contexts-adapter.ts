import { ensureContexts, loadContextTexts } from "@/lib/contexts";
import type { ContextStore, LoadedContext } from "./types";

/** The app's context store: lib/contexts assembles missing contexts (with the export's seed) and rebuilds texts. */
export const appContextStore: ContextStore = {
  ensure: (pairIds, opts) => ensureContexts(pairIds, opts),
  async load(contextIds) {
    const out = new Map<number, LoadedContext>();
    for (const c of await loadContextTexts(contextIds)) {
      out.set(c.id, { text: c.text, spans: c.spans, kind: c.kind, totalTokens: c.totalTokens, tokenizer: c.tokenizer, evidenceDepths: c.evidenceDepths, seed: c.seed });
    }
    return out;
  },
};
