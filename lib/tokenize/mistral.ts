import type { MistralReferenceTokenizer } from "mistral-tokenizer-js";
import { ChunkCache } from "./chunk-cache";
import { mergeIds } from "./mistral-bpe";
import { buildMistralTables, type MistralTables } from "./mistral-tables";
import type { Tokenizer } from "./types";

/*
 * Exact fast path for mistral-tokenizer-js's encode(text, false, false).
 *
 * Why chunking is exact: buildMistralTables checks that no merge joins a token ending in a non-'▁' character with
 * one starting with '▁', and that no merge involves a byte token (so '\n' = <0x0A> never merges). Hence BPE never
 * crosses (a) the boundary before a run of spaces that follows a non-space, (b) either side of '\n'. ("Space"
 * means ' ' or a literal '▁': the reference turns every ' ' into '▁' first, so both are the same to it.) BPE on
 * independent chunks, each in (rank, leftmost) order, gives the same merges as one run over the whole text.
 *
 * The one catch: the reference orders merges by `rank + origPos / text.length` with ranks 2 apart, which is
 * (rank, leftmost) order only while origPos < 2 * text.length. origPos counts initial ids (a character outside the
 * vocab becomes one id per UTF-8 byte), so texts with more than 2 initial ids per UTF-16 unit (mostly rare CJK)
 * go to the reference itself. `isStandard` is that test.
 */

const NEWLINE = 10;
const SPACE = 32;
/** '▁' (U+2581): the reference maps ' ' to it before merging, so a literal '▁' in the text acts as a space. */
const SPACE_MARK = 0x2581;
/** Bound on the chunk cache; at ~50 bytes per entry (typed arrays) this stays around 25 MB. */
const MAX_CACHE_ENTRIES = 500_000;
/** Longer chunks (URLs, base64 blobs) are rarely repeated; caching them would only cost memory. */
const MAX_CACHED_CHUNK = 64;

function isSpaceLike(c: number): boolean {
  return c === SPACE || c === SPACE_MARK;
}

/** Hash of the chunk last scanned by `scanChunk` (a module variable so the hot loop returns no object). */
let scannedHash = 0;

/** End (exclusive) of the chunk starting at `start`; leaves the chunk's hash (FNV-1a + final mix) in scannedHash. */
function scanChunk(text: string, start: number): number {
  let h = Math.imul(0x811c9dc5 ^ text.charCodeAt(start), 0x01000193);
  let end = start + 1;
  if (text.charCodeAt(start) !== NEWLINE) {
    for (; end < text.length; end++) {
      const c = text.charCodeAt(end);
      if (c === NEWLINE) break;
      if ((c === SPACE || c === SPACE_MARK) && !isSpaceLike(text.charCodeAt(end - 1))) break;
      h = Math.imul(h ^ c, 0x01000193);
    }
  }
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  scannedHash = h ^ (h >>> 12);
  return end;
}

export interface MistralFastTokenizer extends Tokenizer {
  /** True when the fast path is exact for `text` (the reference's position term stays below one rank step). */
  isStandard(text: string): boolean;
}

export function createMistralTokenizer(ref: MistralReferenceTokenizer, name = "mistral"): MistralFastTokenizer {
  const tables: MistralTables = buildMistralTables(ref);
  const { asciiIds, newlineId } = tables;
  const cache = new ChunkCache(MAX_CACHE_ENTRIES);
  // Reused buffer for one chunk's ids: a UTF-16 unit yields at most 3 initial ids (a 3-byte fallback).
  let scratch = new Int32Array(256);

  const initialIds = (text: string, start: number, end: number): number => {
    if (scratch.length < 3 * (end - start)) scratch = new Int32Array(3 * (end - start));
    let len = 0;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c < 128) {
        scratch[len++] = asciiIds[c] ?? 0;
        continue;
      }
      // Same code point split as the reference's Array.from: a valid surrogate pair is one character.
      const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < end && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      for (const id of tables.charIds(text.slice(i, pair ? i + 2 : i + 1))) scratch[len++] = id;
      if (pair) i++;
    }
    return len;
  };

  /** Cache slot of text[start, end) (hash from scanChunk), tokenizing and caching it on a miss. */
  const chunkSlot = (text: string, start: number, end: number, hash: number): number => {
    const slot = cache.find(text, start, end, hash);
    if (slot >= 0) return slot;
    const initial = initialIds(text, start, end); // may grow `scratch`, so read it only afterwards
    cache.insert(text, start, end, hash, scratch, mergeIds(tables, scratch, initial));
    return cache.find(text, start, end, hash);
  };

  const isStandard = (text: string): boolean => {
    const limit = 2 * text.length;
    // Cheap bound first: initial ids ≤ UTF-8 bytes (each unit counted as ≤ 3 bytes, which over-counts pairs).
    let bound = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      bound += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }
    if (bound <= limit) return true;
    let initial = 0;
    for (const char of text) initial += char.length === 1 && char.charCodeAt(0) < 128 ? 1 : tables.charIds(char).length;
    return initial <= limit;
  };

  const uncachedIds = (text: string, start: number, end: number): Int32Array => {
    const initial = initialIds(text, start, end);
    return scratch.slice(0, mergeIds(tables, scratch, initial));
  };

  const reference = (text: string): number[] => ref.encode(text, false, false) ?? [];

  const encode = (text: string): number[] => {
    if (!isStandard(text)) return reference(text);
    const out: number[] = [];
    for (let start = 0; start < text.length; ) {
      const end = scanChunk(text, start);
      if (end === start + 1 && text.charCodeAt(start) === NEWLINE) out.push(newlineId);
      else if (end - start > MAX_CACHED_CHUNK) for (const id of uncachedIds(text, start, end)) out.push(id);
      else {
        const slot = chunkSlot(text, start, end, scannedHash);
        const from = cache.valueOffset(slot);
        const values = cache.values;
        for (let k = from, to = from + cache.valueLength(slot); k < to; k++) out.push(values[k] ?? 0);
      }
      start = end;
    }
    return out;
  };

  const count = (text: string): number => {
    if (!isStandard(text)) return reference(text).length;
    let total = 0;
    for (let start = 0; start < text.length; ) {
      const end = scanChunk(text, start);
      if (end === start + 1 && text.charCodeAt(start) === NEWLINE) total++;
      else if (end - start > MAX_CACHED_CHUNK) total += uncachedIds(text, start, end).length;
      else total += cache.valueLength(chunkSlot(text, start, end, scannedHash));
      start = end;
    }
    return total;
  };

  return {
    name,
    encode,
    count,
    isStandard,
    // '\n' is always one token and never merges, and standard texts stay standard when joined by '\n'
    // (it adds one initial id and one UTF-16 unit), so counts of standard paragraphs add up exactly.
    newlineAdditivity: { separatorTokens: 1, holds: isStandard },
  };
}

export async function loadMistralTokenizer(name = "mistral"): Promise<MistralFastTokenizer> {
  const { default: ref } = await import("mistral-tokenizer-js");
  return createMistralTokenizer(ref, name);
}
