"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useAuditActions } from "@/components/hooks/use-audit-actions";
import { usePairsCountQuery } from "@/components/hooks/use-pairs-count-query";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/fields";
import { sampleSize } from "@/lib/audit/stats";
import { fmtInt } from "@/lib/client/format";
import { PAIR_STATUSES, PAIR_TYPES, type PairFilter } from "@/lib/pairs/schemas";

/** Draw a sample: the slice (a pairs filter), the target margin or an explicit size, and the seed. */
export function CreateAuditForm() {
  const router = useRouter();
  const { create } = useAuditActions();
  const [slice, setSlice] = useState<PairFilter>({ status: "pending" });
  const [margin, setMargin] = useState("5");
  const [confidence, setConfidence] = useState("0.95");
  const [size, setSize] = useState("");
  const [seed, setSeed] = useState("1");
  const [name, setName] = useState("");
  const count = usePairsCountQuery(slice).data?.count;
  const m = Number(margin) / 100;
  const suggested = count && m > 0 && m < 0.5 ? sampleSize(m, Number(confidence), count) : undefined;
  const set = (k: keyof PairFilter, v: string) => setSlice((s) => ({ ...s, [k]: v || undefined }));
  const submit = () => create.mutate(
    { filter: slice, seed, name: name || undefined, confidence: Number(confidence), ...(size ? { size: Number(size) } : { margin: m }) },
    { onSuccess: (a) => router.push(`/audits/${a.id}`) });
  return (
    <Card>
      <CardHeader title="New audit" description="A seeded random sample of a slice. Review it in the normal review view; the estimate of the slice's accept rate comes with its interval." />
      <form className="grid gap-3 p-4 sm:grid-cols-2 lg:grid-cols-4" onSubmit={(e) => { e.preventDefault(); submit(); }} aria-label="New audit">
        <Field label="Status"><Select value={slice.status ?? ""} onChange={(e) => set("status", e.target.value)}><option value="">any</option>{PAIR_STATUSES.map((s) => <option key={s}>{s}</option>)}</Select></Field>
        <Field label="Type"><Select value={slice.type ?? ""} onChange={(e) => set("type", e.target.value)}><option value="">any</option>{PAIR_TYPES.map((s) => <option key={s}>{s}</option>)}</Select></Field>
        <Field label="Model"><Input value={slice.model ?? ""} onChange={(e) => set("model", e.target.value)} placeholder="any" /></Field>
        <Field label="Prompt version"><Input value={slice.promptVersion ?? ""} onChange={(e) => set("promptVersion", e.target.value)} placeholder="any" /></Field>
        <Field label="Target margin ± %" hint={suggested !== undefined ? `suggested n = ${fmtInt(suggested)} of ${fmtInt(count ?? 0)} pairs` : count === 0 ? "the slice is empty" : undefined}>
          <Input type="number" min="0.5" max="49" step="0.5" value={margin} onChange={(e) => setMargin(e.target.value)} aria-label="Target margin" />
        </Field>
        <Field label="Confidence"><Select value={confidence} onChange={(e) => setConfidence(e.target.value)}><option value="0.9">90%</option><option value="0.95">95%</option><option value="0.99">99%</option></Select></Field>
        <Field label="Sample size (overrides the margin)"><Input type="number" min="1" value={size} onChange={(e) => setSize(e.target.value)} placeholder={suggested ? String(suggested) : ""} aria-label="Sample size" /></Field>
        <Field label="Seed"><Input value={seed} onChange={(e) => setSeed(e.target.value)} /></Field>
        <Field label="Name (optional)"><Input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. gpt-4o-mini singles, week 48" /></Field>
        <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-3">
          <Button type="submit" disabled={create.isPending || !count}>{create.isPending ? "Drawing…" : "Draw the sample"}</Button>
          {create.error && <span role="alert" className="text-sm text-red-600">{create.error.message}</span>}
        </div>
      </form>
    </Card>
  );
}
