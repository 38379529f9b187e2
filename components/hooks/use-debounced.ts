import { useEffect, useState } from "react";

/** The value once it has stopped changing for `ms` (so typing a count does not fire an estimate per key). */
export function useDebounced<T>(value: T, ms = 400): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}
