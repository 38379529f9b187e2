import { createHash } from "node:crypto";

/**
 * Bumped whenever assembly would turn the same inputs into different bytes (filler order, roles, offsets), so
 * contexts made by an older algorithm are never reused for a request made now.
 */
export const ASSEMBLY_VERSION = 2;

/**
 * Everything that decides a context's bytes besides the corpus itself: a stored context is reused only for a
 * request whose recipe is equal. The tokenizer is the pair's corpus tokenizer (segment counts are stored in it).
 */
export interface RecipeBase {
  minTokens: number;
  maxTokens: number;
  shortRatio: number;
  seed: string;
  /** fingerprint of the active eval sets' contents: decides which documents may be fillers */
  evalFingerprint: string;
  /**
   * Splits by document (an export's --split with its seed): a pair's fillers then come only from documents of its
   * own document's split, so no document reaches two splits even as filler. Absent: the whole corpus.
   */
  split?: SplitSpec;
}

/** Fractions in the order given (the first split takes the lowest hash units), and the split seed. */
export interface SplitSpec {
  seed: string;
  fractions: Record<string, number>;
}

/** A split spec that changes fillers, or undefined: one split (or none) is the whole corpus. */
export function effectiveSplit(spec: SplitSpec | null | undefined): SplitSpec | undefined {
  if (!spec || Object.keys(spec.fractions).length < 2) return undefined;
  return { seed: String(spec.seed), fractions: { ...spec.fractions } };
}

export interface Recipe extends RecipeBase {
  tokenizer: string;
  version: number;
}

export function recipeOf(base: RecipeBase, tokenizer: string): Recipe {
  const split = effectiveSplit(base.split);
  return { minTokens: base.minTokens, maxTokens: base.maxTokens, shortRatio: base.shortRatio, seed: String(base.seed),
    evalFingerprint: base.evalFingerprint, ...(split ? { split } : {}), tokenizer, version: ASSEMBLY_VERSION };
}

/** A short hash of the recipe in a fixed field order (the column contexts are matched on). */
export function recipeKey(base: RecipeBase, tokenizer: string): string {
  const r = recipeOf(base, tokenizer);
  // a split is appended only when there is one, so the keys of every recipe without splits stay what they were
  const canonical = JSON.stringify([r.version, r.minTokens, r.maxTokens, r.shortRatio, r.seed, r.tokenizer, r.evalFingerprint,
    ...(r.split ? [[r.split.seed, Object.entries(r.split.fractions)]] : [])]);
  return createHash("sha256").update(canonical).digest("hex").slice(0, 32);
}

/** The base recipe of a run from its stored params (runs made before recipes have no fingerprint: null). */
export function runRecipe(params: Record<string, unknown>, seed: string): RecipeBase & { evalFingerprint: string | null } {
  const r = (params.recipe ?? {}) as Partial<RecipeBase>;
  return {
    minTokens: Number(r.minTokens ?? params.minTokens),
    maxTokens: Number(r.maxTokens ?? params.maxTokens),
    shortRatio: Number(r.shortRatio ?? params.shortRatio),
    seed: String(r.seed ?? seed),
    evalFingerprint: (r.evalFingerprint as string | undefined) ?? null,
    ...(effectiveSplit(r.split) ? { split: effectiveSplit(r.split) } : {}),
  } as RecipeBase & { evalFingerprint: string | null };
}
