import type { ReactNode } from "react";

/**
 * The small markdown subset guidelines need — headings, bullet and numbered lists, paragraphs, **bold**, *italic*,
 * `code` — rendered as React elements (no HTML injection, so a guideline can never run script).
 */
export function Markdown({ text }: { text: string }) {
  const blocks: ReactNode[] = [];
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  let list: { ordered: boolean; items: string[] } | null = null;
  let para: string[] = [];
  const flush = () => {
    if (para.length) blocks.push(<p key={blocks.length} className="my-2">{inline(para.join(" "))}</p>);
    para = [];
    if (list) {
      const items = list.items.map((it, i) => <li key={i}>{inline(it)}</li>);
      blocks.push(list.ordered ? <ol key={blocks.length} className="my-2 list-decimal pl-5">{items}</ol> : <ul key={blocks.length} className="my-2 list-disc pl-5">{items}</ul>);
      list = null;
    }
  };
  for (const line of lines) {
    const h = /^(#{1,3})\s+(.*)$/.exec(line);
    const li = /^\s*([-*]|\d+[.)])\s+(.*)$/.exec(line);
    if (h) { flush(); const size = ["text-base", "text-sm", "text-sm"][h[1]!.length - 1]; blocks.push(<p key={blocks.length} role="heading" aria-level={h[1]!.length + 1} className={`mt-3 font-semibold ${size}`}>{inline(h[2]!)}</p>); }
    else if (li) {
      const ordered = /\d/.test(li[1]!);
      if (para.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push(li[2]!);
    } else if (!line.trim()) flush();
    else { if (list) flush(); para.push(line.trim()); }
  }
  flush();
  return <div className="text-sm leading-relaxed">{blocks}</div>;
}

function inline(s: string): ReactNode[] {
  const out: ReactNode[] = [];
  const re = /(\*\*[^*]+\*\*|\*[^*]+\*|`[^`]+`)/g;
  let last = 0;
  for (const m of s.matchAll(re)) {
    if (m.index! > last) out.push(s.slice(last, m.index));
    const t = m[0];
    if (t.startsWith("**")) out.push(<strong key={out.length}>{t.slice(2, -2)}</strong>);
    else if (t.startsWith("`")) out.push(<code key={out.length} className="rounded bg-zinc-100 px-1 dark:bg-zinc-800">{t.slice(1, -1)}</code>);
    else out.push(<em key={out.length}>{t.slice(1, -1)}</em>);
    last = m.index! + t.length;
  }
  if (last < s.length) out.push(s.slice(last));
  return out;
}
