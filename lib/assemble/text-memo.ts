/**
 * A bounded memo of a pure function of a text. The filler source hands the very same string objects to every
 * pair of a batch (V8 caches a string's hash in the string itself, so a lookup costs O(1) after the first), and on a
 * small corpus each filler serves hundreds of pairs: its facts are computed once. Cleared wholesale when full; the
 * bound keeps it to about what the filler cache holds anyway.
 */
export function memoByText<T>(fn: (text: string) => T, limit = 50_000): (text: string) => T {
  const memo = new Map<string, T>();
  return (text) => {
    let v = memo.get(text);
    if (v === undefined) {
      if (memo.size >= limit) memo.clear();
      v = fn(text);
      memo.set(text, v);
    }
    return v;
  };
}
