"use client";

import Link from "next/link";
import { useCorporaQuery } from "@/components/hooks/use-corpora-query";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState, ErrorNotice, SkeletonRows } from "@/components/ui/feedback";
import { fmtInt, fmtTime } from "@/lib/client/format";
import { DemoLoader } from "./demo-loader";
import { LastImportSummary } from "./last-import";

export function CorporaTable() {
  const { data, error, isLoading } = useCorporaQuery();
  return (
    <Card>
      <CardHeader title="Corpora" description="Counts are kept up to date by the importer. Documents shorter than 128 tokens are kept whole, as one segment, as the IN2 recipe says." />
      {isLoading && <SkeletonRows rows={3} />}
      {error && <div className="p-4"><ErrorNotice error={error} /></div>}
      {data && data.corpora.length === 0 && (
        <EmptyState title="No corpus yet" action={<DemoLoader />}>
          Load the demo corpus (1,000 C4 realnewslike news articles, the corpus FILM-7B's IN2 data was built from) or import a file below.
        </EmptyState>
      )}
      {data && data.corpora.length > 0 && (
        <table className="w-full text-sm">
          <thead className="text-left text-xs text-zinc-500">
            <tr className="border-b border-zinc-100 dark:border-zinc-800">
              <th className="px-4 py-2 font-medium">Name</th><th className="px-4 py-2 font-medium">Tokenizer</th>
              <th className="px-4 py-2 text-right font-medium">Documents</th><th className="px-4 py-2 text-right font-medium">Segments</th>
              <th className="px-4 py-2 text-right font-medium" title="Documents shorter than 128 tokens: one segment each, not cut">Kept whole (&lt;128 tokens)</th>
              <th className="px-4 py-2 text-right font-medium">Tokens</th><th className="px-4 py-2 font-medium">Created</th><th />
            </tr>
          </thead>
          <tbody className="tabular">
            {data.corpora.map((c) => [
              <tr key={c.id} className={c.lastImport ? "" : "border-b border-zinc-100 last:border-0 dark:border-zinc-800"}>
                <td className="px-4 py-2 font-medium"><Link href={`/documents?corpusId=${c.id}`} prefetch={false} className="hover:text-indigo-600">{c.name}</Link></td>
                <td className="px-4 py-2 font-mono text-xs">{c.tokenizer}</td>
                <td className="px-4 py-2 text-right">{fmtInt(c.documentCount)}</td>
                <td className="px-4 py-2 text-right">{fmtInt(c.segmentCount)}</td>
                <td className="px-4 py-2 text-right" data-testid={`short-documents-${c.id}`}>
                  {c.shortDocuments > 0 ? <Link className="hover:text-indigo-600" prefetch={false} href={`/segments?corpusId=${c.id}&maxTokens=127`}>{fmtInt(c.shortDocuments)}</Link> : "0"}
                </td>
                <td className="px-4 py-2 text-right">{fmtInt(c.tokenCount)}</td>
                <td className="px-4 py-2 text-xs text-zinc-500">{fmtTime(c.createdAt)}</td>
                <td className="px-4 py-2 text-right text-xs">
                  <Link className="text-indigo-600 hover:underline" prefetch={false} href={`/segments?corpusId=${c.id}`}>Segments →</Link>
                </td>
              </tr>,
              c.lastImport && (
                <tr key={`${c.id}-import`} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800">
                  <td colSpan={8} className="px-4 pb-2"><LastImportSummary last={c.lastImport} /></td>
                </tr>
              ),
            ])}
          </tbody>
        </table>
      )}
    </Card>
  );
}
