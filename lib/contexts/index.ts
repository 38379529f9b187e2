/**
 * The database side of IN2 assembly (the pure algorithm is lib/assemble): pair inputs, a seeded Postgres filler
 * source, set-based storage of recipes, text rebuilding, decontamination, the assemble job and balance stats.
 *
 * Contract for export: ensureContexts() and loadContextText()/loadContextTexts().
 */
export { ensureContexts } from "./ensure";
export { getContext, loadContextText, loadContextTexts } from "./load";
export { runAssembly, type RunSummary } from "./run";
export { createRun, latestContextIds } from "./store";
export { selectionSchema, type Selection } from "./selection";
export { decontaminateCorpus, type DecontaminationReport } from "./decontaminate";
export { defaultEvalFiles, loadEvalGrams } from "./eval-sets";
export type { AssemblyOptions, ContextRecord, ContextText } from "./types";
