/**
 * One colour per support quote, the same in the quote list and in the evidence. Colour is never the only cue:
 * every highlight is also underlined and carries the quote's number, so it survives colour blindness and print.
 */
const STYLES = [
  "bg-amber-100 decoration-amber-600 dark:bg-amber-400/20 dark:decoration-amber-400",
  "bg-sky-100 decoration-sky-600 dark:bg-sky-400/20 dark:decoration-sky-400",
  "bg-violet-100 decoration-violet-600 dark:bg-violet-400/20 dark:decoration-violet-400",
  "bg-emerald-100 decoration-emerald-600 dark:bg-emerald-400/20 dark:decoration-emerald-400",
  "bg-rose-100 decoration-rose-600 dark:bg-rose-400/20 dark:decoration-rose-400",
] as const;

export function quoteStyle(index: number): string {
  return STYLES[index % STYLES.length]!;
}
