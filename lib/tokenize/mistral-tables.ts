import type { MistralReferenceTokenizer } from "mistral-tokenizer-js";

/** Integer tables derived from mistral-tokenizer-js, so the fast path merges exactly what the reference merges. */
export interface MistralTables {
  readonly vocabSize: number;
  /**
   * Open-addressing hash of pair key `left * vocabSize + right` (-1 = empty slot) → merge index; a lower index
   * merges first, the reference's order. A typed-array table because the Map lookup dominated cold encoding.
   */
  readonly pairKeys: Int32Array;
  readonly pairRanks: Int32Array;
  /** slot of a key: Math.imul(key, PAIR_HASH) >>> pairShift */
  readonly pairShift: number;
  /** merge index → id of the merged token. */
  readonly mergedId: Int32Array;
  /** id of the byte token of '\n' (<0x0A>): every '\n' becomes exactly this token. */
  readonly newlineId: number;
  /** Initial (pre-merge) ids of one code point, as the reference maps it (vocab char or UTF-8 byte tokens). */
  charIds(char: string): readonly number[];
  /** Initial id of each ASCII code unit (all ASCII maps to exactly one id); ' ' maps to '▁'. */
  readonly asciiIds: Int32Array;
}

export const PAIR_HASH = 0x9e3779b1 | 0;
const SPACE_MARK = "\u2581";
const BYTE_TOKEN = /^<0x[0-9A-F]{2}>$/;

function byteToken(byte: number): string {
  return `<0x${byte.toString(16).toUpperCase().padStart(2, "0")}>`;
}

function need(value: number | undefined, what: string): number {
  if (value === undefined) throw new Error(`mistral-tokenizer-js: missing ${what}; the fast path cannot mirror it`);
  return value;
}

export function buildMistralTables(ref: MistralReferenceTokenizer): MistralTables {
  const vocab = ref.vocabByString;
  const vocabSize = ref.vocabById.length;
  // The reference keys merges by "left right"; a token containing ' ' would make that key ambiguous.
  if (ref.vocabById.some((t) => t.includes(" ") || t.includes("\n"))) {
    throw new Error("mistral-tokenizer-js: a vocab token contains ' ' or '\\n'; merge keys would be ambiguous");
  }
  if (vocabSize * vocabSize >= 2 ** 31) throw new Error("mistral-tokenizer-js: vocab too large for int32 pair keys");
  const entries = [...ref.merges].sort((a, b) => a[1] - b[1]);
  const bits = Math.ceil(Math.log2(entries.length * 2 + 2)); // load factor ≤ 1/2 keeps probes short
  const pairShift = 32 - bits;
  const pairKeys = new Int32Array(1 << bits).fill(-1);
  const pairRanks = new Int32Array(1 << bits);
  const mergedId = new Int32Array(entries.length);
  entries.forEach(([key], index) => {
    const parts = key.split(" ");
    const [left, right] = parts;
    if (parts.length !== 2 || left === undefined || right === undefined) {
      throw new Error(`mistral-tokenizer-js: malformed merge key ${JSON.stringify(key)}`);
    }
    // The chunking proof (see mistral.ts): nothing merges across "x|▁" (x not '▁') nor with a byte token like '\n'.
    if (BYTE_TOKEN.test(left) || BYTE_TOKEN.test(right) || (right.startsWith(SPACE_MARK) && !left.endsWith(SPACE_MARK))) {
      throw new Error(`mistral-tokenizer-js: merge ${JSON.stringify(key)} breaks the chunking proof`);
    }
    const a = need(vocab.get(left), `token ${left}`);
    const b = need(vocab.get(right), `token ${right}`);
    const pairKey = a * vocabSize + b;
    let slot = Math.imul(pairKey, PAIR_HASH) >>> pairShift;
    while (pairKeys[slot] !== -1) slot = (slot + 1) & (pairKeys.length - 1);
    pairKeys[slot] = pairKey;
    pairRanks[slot] = index;
    mergedId[index] = need(vocab.get(left + right), `merged token ${left + right}`);
  });

  const encoder = new TextEncoder();
  const charCache = new Map<string, readonly number[]>();
  const charIds = (char: string): readonly number[] => {
    let ids = charCache.get(char);
    if (ids === undefined) {
      const direct = vocab.get(char === " " ? SPACE_MARK : char);
      ids =
        direct !== undefined ? [direct] : Array.from(encoder.encode(char), (byte) => need(vocab.get(byteToken(byte)), byteToken(byte)));
      charCache.set(char, ids);
    }
    return ids;
  };
  const asciiIds = new Int32Array(128);
  for (let code = 0; code < 128; code++) {
    const ids = charIds(String.fromCharCode(code));
    if (ids.length !== 1 || ids[0] === undefined) throw new Error(`mistral-tokenizer-js: ASCII ${code} is not one token`);
    asciiIds[code] = ids[0];
  }
  const newlineId = asciiIds[10] ?? -1;
  if (newlineId !== need(vocab.get("<0x0A>"), "<0x0A>")) throw new Error("mistral-tokenizer-js: '\\n' is not <0x0A>");
  return { vocabSize, pairKeys, pairRanks, pairShift, mergedId, newlineId, charIds, asciiIds };
}
