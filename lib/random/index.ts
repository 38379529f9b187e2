import { hash128, hashHex, splitmix32 } from "./hash";

export { hash64, hash128, hashHex } from "./hash";

/** A seed as users type it. Numbers are stringified, so `42` and `"42"` give the same stream. */
export type Seed = number | string;

/**
 * A small deterministic PRNG (sfc32, 128-bit state). Shared by assembly, sampling and export so that the same
 * seed always reproduces the same data, on any machine and any Node version (Math.random cannot be seeded).
 */
export interface Rng {
  /** The seed this stream was created from (stringified). */
  readonly seed: string;
  /** Uniform float in [0, 1) with 32 bits of resolution. */
  next(): number;
  /** Uniform 32-bit unsigned integer. */
  uint32(): number;
  /** Uniform integer in [lo, hi], both ends inclusive. */
  int(lo: number, hi: number): number;
  /** true with probability p. */
  chance(p: number): boolean;
  /** One uniformly chosen element; throws on an empty list. */
  pick<T>(items: readonly T[]): T;
  /** A uniformly shuffled copy (Fisher–Yates); the input is not touched. */
  shuffle<T>(items: readonly T[]): T[];
  /** k distinct elements in random order (k is capped at items.length). */
  sample<T>(items: readonly T[], k: number): T[];
  /** An independent stream for `key`; depends only on (this seed, key), never on how much this stream was used. */
  child(key: string | number): Rng;
}

/**
 * Child seed for (seed, key). Keyed derivation (rather than drawing from a parent stream) makes per-pair
 * randomness independent of processing order, so a resumed or parallel job reproduces exactly the same pairs.
 */
export function deriveSeed(seed: Seed, key: string | number): string {
  return hashHex(`${String(seed)}\u0000${String(key)}`);
}

export function createRng(seed: Seed): Rng {
  const seedText = String(seed);
  // All 128 hashed bits go into the 128-bit state (each word spread by a splitmix step of its own), so
  // distinct seeds never share a stream by construction of the seeding.
  let [a = 0, b = 0, c = 0, d = 0] = hash128(seedText).map((w) => splitmix32(w).value);

  const uint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // sfc32's first outputs still carry structure from the seed words; the reference implementation skips them.
  for (let i = 0; i < 12; i++) uint32();

  const next = (): number => uint32() / 4294967296;

  const int = (lo: number, hi: number): number => {
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || hi < lo) {
      throw new RangeError(`int(${lo}, ${hi}): need integers with lo <= hi`);
    }
    const span = hi - lo + 1;
    if (span > 4294967296) throw new RangeError("int(): range wider than 2^32");
    // Rejection sampling removes the modulo bias that plain floor(next() * span) has for large spans.
    const limit = 4294967296 - (4294967296 % span);
    let x = uint32();
    while (x >= limit) x = uint32();
    return lo + (x % span);
  };

  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = int(0, i);
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  };

  return {
    seed: seedText,
    next,
    uint32,
    int,
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError("pick() from an empty list");
      return items[int(0, items.length - 1)] as T;
    },
    shuffle,
    sample: <T>(items: readonly T[], k: number): T[] => {
      const n = Math.min(Math.max(0, Math.floor(k)), items.length);
      // Partial Fisher–Yates: only the first n positions are drawn.
      const out = items.slice();
      for (let i = 0; i < n; i++) {
        const j = int(i, out.length - 1);
        const tmp = out[i] as T;
        out[i] = out[j] as T;
        out[j] = tmp;
      }
      return out.slice(0, n);
    },
    child: (key) => createRng(deriveSeed(seedText, key)),
  };
}
