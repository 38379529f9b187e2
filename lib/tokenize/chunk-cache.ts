/**
 * chunk (a substring of some text) → token ids, stored entirely in typed arrays.
 *
 * Why not a Map<string, ids>: a lookup would need `text.slice()` per chunk (an allocation on the hot path of
 * `count()`), V8 keeps slices of ≥ 13 chars as views that pin the whole source text in memory, and half a
 * million small entries weigh on the GC. Here a key is its UTF-16 units copied into a pool and looked up by the
 * hash the caller computes while scanning; nothing is allocated on a hit.
 */
export class ChunkCache {
  private slotHash = new Int32Array(0);
  private slotKey = new Int32Array(0); // offset into keyPool, -1 = empty
  private slotKeyLen = new Int32Array(0);
  private slotVal = new Int32Array(0); // offset into valPool
  private slotValLen = new Int32Array(0);
  private keyPool = new Uint16Array(1 << 16);
  private keyUsed = 0;
  /** Ids of all entries; read them at `valueOffset(slot)` for `valueLength(slot)`. */
  values = new Int32Array(1 << 16);
  private valUsed = 0;
  private entries = 0;

  /** Cleared wholesale when full: simple, and rare enough that a smarter eviction would not pay for itself. */
  constructor(private readonly maxEntries = 500_000) {
    this.reset(1 << 14);
  }

  get size(): number {
    return this.entries;
  }

  clear(): void {
    this.reset(1 << 14);
  }

  /** Slot holding text[start, end), or -1. `hash` must be `hashRange(text, start, end)`. */
  find(text: string, start: number, end: number, hash: number): number {
    const mask = this.slotKey.length - 1;
    const len = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const key = this.slotKey[slot] ?? -1;
      if (key < 0) return -1;
      if (this.slotHash[slot] === hash && this.slotKeyLen[slot] === len && this.sameKey(key, text, start, len)) return slot;
    }
  }

  insert(text: string, start: number, end: number, hash: number, ids: Int32Array, idCount: number): void {
    if (this.entries >= this.maxEntries) this.clear();
    if (2 * (this.entries + 1) > this.slotKey.length) this.rehash(this.slotKey.length * 2);
    const len = end - start;
    this.keyPool = ensure(this.keyPool, this.keyUsed + len);
    for (let i = 0; i < len; i++) this.keyPool[this.keyUsed + i] = text.charCodeAt(start + i);
    this.values = ensure(this.values, this.valUsed + idCount);
    this.values.set(ids.subarray(0, idCount), this.valUsed);
    const mask = this.slotKey.length - 1;
    let slot = hash & mask;
    while ((this.slotKey[slot] ?? -1) >= 0) slot = (slot + 1) & mask;
    this.slotHash[slot] = hash;
    this.slotKey[slot] = this.keyUsed;
    this.slotKeyLen[slot] = len;
    this.slotVal[slot] = this.valUsed;
    this.slotValLen[slot] = idCount;
    this.keyUsed += len;
    this.valUsed += idCount;
    this.entries++;
  }

  valueOffset(slot: number): number {
    return this.slotVal[slot] ?? 0;
  }

  valueLength(slot: number): number {
    return this.slotValLen[slot] ?? 0;
  }

  private sameKey(offset: number, text: string, start: number, len: number): boolean {
    for (let i = 0; i < len; i++) if (this.keyPool[offset + i] !== text.charCodeAt(start + i)) return false;
    return true;
  }

  private reset(slots: number): void {
    this.allocSlots(slots);
    this.keyUsed = 0;
    this.valUsed = 0;
    this.entries = 0;
  }

  private allocSlots(slots: number): void {
    this.slotHash = new Int32Array(slots);
    this.slotKey = new Int32Array(slots).fill(-1);
    this.slotKeyLen = new Int32Array(slots);
    this.slotVal = new Int32Array(slots);
    this.slotValLen = new Int32Array(slots);
  }

  private rehash(slots: number): void {
    const [hashes, keys, keyLens, vals, valLens] = [this.slotHash, this.slotKey, this.slotKeyLen, this.slotVal, this.slotValLen];
    this.allocSlots(slots);
    const mask = slots - 1;
    keys.forEach((key, old) => {
      if (key < 0) return;
      const hash = hashes[old] ?? 0;
      let slot = hash & mask;
      while ((this.slotKey[slot] ?? -1) >= 0) slot = (slot + 1) & mask;
      this.slotHash[slot] = hash;
      this.slotKey[slot] = key;
      this.slotKeyLen[slot] = keyLens[old] ?? 0;
      this.slotVal[slot] = vals[old] ?? 0;
      this.slotValLen[slot] = valLens[old] ?? 0;
    });
  }
}

function ensure<T extends Uint16Array | Int32Array>(pool: T, needed: number): T {
  if (needed <= pool.length) return pool;
  let size = pool.length;
  while (size < needed) size *= 2;
  const grown = new (pool.constructor as new (n: number) => T)(size);
  grown.set(pool);
  return grown;
}
