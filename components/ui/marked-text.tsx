import { HL_START, HL_STOP } from "@/lib/search/highlight-marks";

/** Text with search hits marked by the server (lib/search/highlight.ts): <mark>s with colour and an underline. */
export function MarkedText({ text }: { text: string }) {
  if (!text.includes(HL_START)) return <>{text}</>;
  const parts: React.ReactNode[] = [];
  let i = 0;
  for (const chunk of text.split(HL_START)) {
    const stop = chunk.indexOf(HL_STOP);
    if (stop < 0) { parts.push(chunk); continue; }
    parts.push(<mark key={i++} className="rounded-sm bg-amber-200/80 px-0.5 text-inherit underline decoration-amber-600 decoration-2 underline-offset-2 dark:bg-amber-500/30">{chunk.slice(0, stop)}</mark>);
    parts.push(chunk.slice(stop + HL_STOP.length));
  }
  return <>{parts}</>;
}

/** Plain text without the marks (titles, copy). */
export function unmark(text: string): string {
  return text.replaceAll(HL_START, "").replaceAll(HL_STOP, "");
}
