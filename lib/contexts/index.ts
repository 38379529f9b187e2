/**
 * The database side of IN2 assembly (the pure algorithm is lib/assemble): pair inputs, a seeded Postgres filler
 * source, set-based storage of recipes, text rebuilding, decontamination, the assemble job and balance stats.
 *
 * Contract for export: ContextResolver (recipe-matched contexts, one run for the missing ones, reasons for the
 * pairs left out) and loadContextTexts().
 */
export { ContextResolver, ensureContexts, RECIPE_DEFAULTS, type AppliedRecipe, type ContextRequest, type Resolution } from "./ensure";
export { ASSEMBLY_VERSION, recipeKey, type RecipeBase } from "./recipe";
export { addEvalSet, decontaminateAll } from "./decontaminate";
export { getContext, loadContextText, loadContextTexts } from "./load";
export { runAssembly, type RunSummary } from "./run";
export { createRun, latestContextIds } from "./store";
export { selectionSchema, type Selection } from "./selection";
export { decontaminateCorpus, type DecontaminationReport } from "./decontaminate";
export { defaultEvalFiles, loadEvalGrams } from "./eval-sets";
export type { AssemblyOptions, ContextRecord, ContextText, KeyedSpan } from "./types";
