"use client";

import { FlaskConical } from "lucide-react";
import { useState } from "react";
import { useCorporaQuery } from "@/components/hooks/use-corpora-query";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/fields";
import { FormCard } from "@/components/ui/form-card";
import { fmtInt } from "@/lib/client/format";
import { PROBE_STYLES, STYLE_INFO, type ProbeStyle } from "@/lib/probe/types";
import { useBuildProbeSet } from "@/components/hooks/use-build-probe-set";

const optionalInt = (s: string) => (s.trim() === "" ? undefined : Number(s));

/** The `in2 probe build` form: style, token budget, contexts, positions, seed, and (document) a corpus as source. */
export function BuildSetForm() {
  const build = useBuildProbeSet();
  const corpora = useCorporaQuery();
  const [style, setStyle] = useState<ProbeStyle>("document");
  const [tokens, setTokens] = useState("32768");
  const [sets, setSets] = useState("4");
  const [positions, setPositions] = useState("");
  const [seed, setSeed] = useState("0");
  const [corpus, setCorpus] = useState("");

  const submit = () => {
    build.mutate({
      style, tokens: Number(tokens), sets: Number(sets), seed, positions: optionalInt(positions),
      corpus: style === "document" && corpus ? corpus : undefined,
    });
  };

  return (
    <FormCard title="Build a probing set" onSubmit={submit} error={build.error}
      description="Contexts filled to the token budget with the tokenizer; the target sits at every position (or evenly spaced ones). Ambiguous targets are excluded and counted.">
        <Field label="Style">
          <Select value={style} onChange={(e) => setStyle(e.target.value as ProbeStyle)} aria-label="Style">
            {PROBE_STYLES.map((s) => <option key={s} value={s}>{s} — {STYLE_INFO[s].pattern}</option>)}
          </Select>
        </Field>
        <Field label="Source" hint={style === "document" ? "The paper's sentences, or your corpus's own" : "The paper's pieces (MIT, microsoft/FILM)"}>
          <Select value={style === "document" ? corpus : ""} onChange={(e) => setCorpus(e.target.value)} disabled={style !== "document"} aria-label="Source">
            <option value="">VaL Probing pieces</option>
            {corpora.data?.corpora.map((c) => <option key={c.id} value={c.name}>corpus: {c.name} ({c.tokenizer})</option>)}
          </Select>
        </Field>
        <Field label="Tokens per context" hint="The model's window; 160 are kept free for the reply">
          <Input type="number" min={256} value={tokens} onChange={(e) => setTokens(e.target.value)} aria-label="Tokens per context" className="tabular" />
        </Field>
        <Field label="Contexts" hint="The paper uses 4">
          <Input type="number" min={1} max={32} value={sets} onChange={(e) => setSets(e.target.value)} aria-label="Contexts" className="tabular" />
        </Field>
        <Field label="Positions per context" hint="Empty = every position">
          <Input type="number" min={1} value={positions} onChange={(e) => setPositions(e.target.value)} placeholder="all" aria-label="Positions per context" className="tabular" />
        </Field>
        <Field label="Seed">
          <Input value={seed} onChange={(e) => setSeed(e.target.value)} aria-label="Seed" className="tabular" />
        </Field>
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
          <Button type="submit" disabled={build.isPending}><FlaskConical size={14} aria-hidden /> {build.isPending ? "Building…" : "Build set"}</Button>
          {build.data && (
            <span className="tabular text-xs text-zinc-500" role="status">
              Built set #{build.data.set.id}: {fmtInt(build.data.set.exampleCount)} examples, {fmtInt(build.data.set.excludedCount)} ambiguous excluded
            </span>
          )}
        </div>
    </FormCard>
  );
}
