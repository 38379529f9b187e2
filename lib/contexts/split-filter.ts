import { SplitAssigner } from "@/lib/dataset/split";
import type { SplitSpec } from "./recipe";

/** Which split's documents a filler pool holds: the split spec's seed and cumulative bounds, and the split's index. */
export interface SplitFilter {
  seed: string;
  bounds: number[];
  index: number;
}

/**
 * A pair's split under a recipe's split spec, by its document's content key, exactly as the dataset export splits
 * rows (lib/dataset/split.ts SplitAssigner); splitIndexSql computes the same for documents inside PostgreSQL.
 */
export class PairSplits {
  private readonly assigner: SplitAssigner;
  private readonly bounds: number[];
  private readonly seed: string;

  constructor(spec: SplitSpec) {
    this.seed = String(spec.seed);
    this.assigner = new SplitAssigner(spec.fractions, spec.seed);
    // the assigner's own bounds, computed the same way: cumulative sums in the given order, the last one 1
    let acc = 0;
    this.bounds = Object.values(spec.fractions).map((f) => (acc += f));
    this.bounds[this.bounds.length - 1] = 1;
  }

  filterFor(documentKey: string): SplitFilter {
    return { seed: this.seed, bounds: this.bounds, index: this.assigner.names.indexOf(this.assigner.of(documentKey)) };
  }
}

/**
 * SQL for the split index of a document key (text expression `key`): sha256(seed NUL key), its first 52 bits as
 * an integer v, and the number of cumulative bounds b with v ≥ b·2^52 — the first split whose bound exceeds
 * u = v / 2^52, as SplitAssigner.of() picks it (exact: v < 2^53 and scaling by 2^52 are exact in float8).
 * `literal` quotes the seed for SQL (COPY takes no parameters).
 */
export function splitIndexSql(key: string, filter: Pick<SplitFilter, "seed" | "bounds">, literal: (s: string) => string): string {
  const bounds = filter.bounds.map((b) => { if (!Number.isFinite(b)) throw new Error(`bad split bound ${b}`); return String(b); }).join(",");
  const byte = (i: number, shift: number) => `(get_byte(x.h, ${i})::bigint << ${shift})`;
  const v = `(${byte(0, 44)} + ${byte(1, 36)} + ${byte(2, 28)} + ${byte(3, 20)} + ${byte(4, 12)} + ${byte(5, 4)} + (get_byte(x.h, 6) >> 4))`;
  return `(SELECT count(*)::int FROM (SELECT sha256(convert_to(${literal(filter.seed)}, 'UTF8') || '\\x00'::bytea || convert_to(${key}, 'UTF8')) AS h) x,
           unnest(ARRAY[${bounds}]::float8[]) AS b WHERE ${v}::float8 >= b * 4503599627370496)`;
}
