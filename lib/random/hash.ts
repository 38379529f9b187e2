/**
 * String hashing for seeds. cyrb53-style: two 32-bit lanes mixed together, so distinct seed strings collide with
 * negligible probability (~2^-64) while staying fast and dependency-free.
 */
export function hash64(text: string, seed = 0): [number, number] {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}

/** splitmix32 step: turns correlated inputs (like consecutive hashes) into well-spread state words. */
export function splitmix32(state: number): { value: number; state: number } {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  z ^= z >>> 15;
  return { value: z >>> 0, state: next };
}

/**
 * 128 bits: two hash64 passes with different lane seeds. A generator state filled from this makes two
 * distinct seed strings share a stream with probability ~2^-128 (a 32-bit state gave 10^6 keys ~116 clashes).
 */
export function hash128(text: string): [number, number, number, number] {
  const [a, b] = hash64(text, 0);
  const [c, d] = hash64(text, 0x9e3779b9);
  return [a, b, c, d];
}

/** 32 hex digits of hash128, used as a printable child seed. */
export function hashHex(text: string): string {
  return hash128(text).map((w) => w.toString(16).padStart(8, "0")).join("");
}
