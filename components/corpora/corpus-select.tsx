"use client";

import { useCorporaQuery } from "@/components/hooks/use-corpora-query";
import { Select } from "@/components/ui/fields";

export function CorpusSelect({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { data } = useCorporaQuery();
  return (
    <Select value={value} onChange={(e) => onChange(e.target.value)} aria-label="Corpus">
      <option value="">All corpora</option>
      {data?.corpora.map((c) => <option key={c.id} value={String(c.id)}>{c.name}</option>)}
    </Select>
  );
}
