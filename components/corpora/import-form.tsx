"use client";

import { Upload } from "lucide-react";
import { useState } from "react";
import { JobProgress } from "@/components/jobs/job-progress";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ErrorNotice, ProgressBar } from "@/components/ui/feedback";
import { Field, Input, Select } from "@/components/ui/fields";
import { fmtBytes } from "@/lib/client/format";
import { ImportResult } from "./import-result";
import { LicenseField, licenseOf, type LicenseValue } from "./license-field";
import { useImport } from "@/components/hooks/use-import";

const TOKENIZERS = [
  { value: "mistral", label: "Mistral 7B v0.2 (FILM-7B) — default" },
  { value: "o200k_base", label: "OpenAI o200k_base" },
  { value: "hf", label: "Hugging Face tokenizer.json (path on the server)…" },
];

export function ImportForm() {
  const imp = useImport();
  const [files, setFiles] = useState<File[]>([]);
  const [corpus, setCorpus] = useState("");
  const [textField, setTextField] = useState("text");
  const [tokenizer, setTokenizer] = useState("mistral");
  const [hfPath, setHfPath] = useState("");
  const [license, setLicense] = useState<LicenseValue>({ choice: "unknown", spdx: "" });
  const busy = imp.upload !== null && !imp.job && !imp.error;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const name = corpus.trim() || files[0]?.name.replace(/(\.gz)?$/, "").replace(/\.(jsonl|json|txt)$/, "") || "";
    void imp.start(files, { corpus: name, textField: textField.trim() || undefined, tokenizer: tokenizer === "hf" ? `hf:${hfPath.trim()}` : tokenizer, license: licenseOf(license) });
  };

  return (
    <Card>
      <CardHeader title="Import a corpus" description="C4-style JSON Lines (plain or .gz; the text field plus any metadata) or .txt files (one document each). Streamed, de-duplicated by content; bad lines are listed, not lost." />
      <form onSubmit={submit} className="grid gap-4 p-4 md:grid-cols-2">
        <Field label="Files" hint={files.length ? `${files.length} file(s), ${fmtBytes(files.reduce((a, f) => a + f.size, 0))}` : ".jsonl, .jsonl.gz, .json.gz, .txt"}>
          <Input type="file" multiple accept=".jsonl,.json,.gz,.txt,.text,.md" aria-label="Files to import"
            onChange={(e) => setFiles(Array.from(e.target.files ?? []))} />
        </Field>
        <Field label="Corpus" hint="An existing name adds to that corpus; empty = the first file's name">
          <Input value={corpus} onChange={(e) => setCorpus(e.target.value)} placeholder="e.g. c4-realnewslike" aria-label="Corpus name" />
        </Field>
        <Field label="Text field (JSON Lines)">
          <Input value={textField} onChange={(e) => setTextField(e.target.value)} aria-label="Text field" />
        </Field>
        <Field label="Tokenizer" hint="Counts tokens and cuts ≥128-token segments; a corpus keeps the tokenizer it was created with">
          <Select value={tokenizer} onChange={(e) => setTokenizer(e.target.value)} aria-label="Tokenizer">
            {TOKENIZERS.map((t) => <option key={t.value} value={t.value}>{t.label}</option>)}
          </Select>
          {tokenizer === "hf" && <Input className="mt-2" value={hfPath} onChange={(e) => setHfPath(e.target.value)} placeholder="/path/to/tokenizer.json" aria-label="tokenizer.json path" />}
        </Field>
        <LicenseField value={license} onChange={setLicense} />
        <div className="flex items-center gap-3 md:col-span-2">
          <Button type="submit" disabled={!files.length || busy}><Upload size={14} aria-hidden /> Upload and import</Button>
          {imp.upload && !imp.job && (
            <div className="flex flex-1 items-center gap-3 text-xs text-zinc-500">
              <ProgressBar value={imp.upload.total ? imp.upload.sent / imp.upload.total : null} label="Upload progress" />
              <span className="tabular shrink-0">uploading {fmtBytes(imp.upload.sent)} / {fmtBytes(imp.upload.total)}</span>
            </div>
          )}
        </div>
      </form>
      {(imp.error || imp.job) && (
        <div className="space-y-3 border-t border-zinc-100 p-4 dark:border-zinc-800">
          {imp.error && <ErrorNotice error={imp.error} />}
          {imp.job && <JobProgress job={imp.job} unit="bytes"><ImportResult job={imp.job} /></JobProgress>}
        </div>
      )}
    </Card>
  );
}
