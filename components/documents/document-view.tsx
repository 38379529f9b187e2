"use client";

import Link from "next/link";
import { useDocumentQuery } from "@/components/hooks/use-documents-query";
import { Card, CardHeader, Stat } from "@/components/ui/card";
import { Badge, ErrorNotice, SkeletonRows } from "@/components/ui/feedback";
import { fmtInt } from "@/lib/client/format";
import { SEGMENT_FLOOR } from "@/lib/corpus/floor";

/** A document as it was cut: each segment a block with its index, token count and character span. */
export function DocumentView({ id }: { id: number }) {
  const { data: doc, error, isLoading } = useDocumentQuery(id);
  if (isLoading) return <SkeletonRows rows={10} />;
  if (error || !doc) return <ErrorNotice error={error ?? new Error("not found")} />;
  const url = typeof doc.meta.url === "string" ? doc.meta.url : null;
  const meta = Object.entries(doc.meta).filter(([k]) => k !== "url");
  const whole = doc.segmentCount === 1 && doc.tokenCount < SEGMENT_FLOOR;
  return (
    <div className="space-y-4">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Stat label="Tokens" value={fmtInt(doc.tokenCount)} hint={doc.tokenizer} />
        <Stat label="Segments" value={fmtInt(doc.segmentCount)} hint={whole ? "kept whole: shorter than 128 tokens" : "≥128 tokens each"} />
        <Stat label="Characters" value={fmtInt(doc.charCount)} />
        <Stat label="Corpus" value={<Link className="text-base hover:text-indigo-600" href={`/documents?corpusId=${doc.corpusId}`}>{doc.corpus}</Link>} hint={doc.sourceFile ? `${doc.sourceFile}:${doc.sourceLine}` : undefined} />
      </div>
      {(url || meta.length > 0) && (
        <Card className="px-4 py-3 text-xs text-zinc-600 dark:text-zinc-400">
          {url && <div className="truncate">URL: <span className="font-mono">{url}</span></div>}
          {meta.map(([k, v]) => <div key={k} className="truncate">{k}: <span className="font-mono">{typeof v === "string" ? v : JSON.stringify(v)}</span></div>)}
          {doc.contaminated && <Badge color="red">excluded: overlaps an evaluation set</Badge>}
        </Card>
      )}
      <Card>
        <CardHeader title="Segments" description={whole
          ? "This document is shorter than 128 tokens, so the IN2 recipe keeps it whole as a single segment."
          : "Paragraphs are appended until a segment holds at least 128 tokens; a short tail joins the last segment. Joined with newlines they give back the document exactly."} />
        <ol aria-label="Segments of this document">
          {doc.segments.map((s) => (
            <li key={s.id} id={`segment-${s.id}`} data-testid="segment" className="grid grid-cols-1 border-b border-dashed border-zinc-300 last:border-0 sm:grid-cols-[8.5rem_1fr] dark:border-zinc-700">
              <div className="tabular flex gap-3 border-zinc-100 px-3 pt-3 text-xs text-zinc-500 sm:block sm:border-r sm:py-3 dark:border-zinc-800">
                <div className="font-medium text-zinc-800 dark:text-zinc-200">Segment #{s.id}</div>
                <div>part {s.index + 1} of {doc.segmentCount}</div>
                <div>{fmtInt(s.tokenCount)} tokens{s.tokenCount < SEGMENT_FLOOR ? " · whole document" : ""}</div>
                <div>chars {fmtInt(s.charStart)}–{fmtInt(s.charEnd)}</div>
              </div>
              <div className="whitespace-pre-wrap px-4 py-3 text-sm leading-relaxed">{s.text}</div>
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
