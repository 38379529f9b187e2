import fs from "node:fs";
import path from "node:path";
import { DEMO_CORPUS, demoFile } from "@/lib/corpus/demo";
import { importFiles, type ImportProgress } from "@/lib/corpus/importer";
import { progress, UsageError, type Command } from "../command";

export const importCommand: Command = {
  name: "import",
  summary: "import JSON Lines (plain or .gz) or .txt files into a corpus, cut into IN2 segments",
  usage: "in2 import <file...> [--corpus NAME] [--text-field text] [--tokenizer mistral|o200k_base|hf:PATH] | in2 import --demo",
  options: {
    corpus: { type: "string" },
    "text-field": { type: "string" },
    tokenizer: { type: "string" },
    demo: { type: "boolean" },
  },
  async run(values, positionals) {
    const files = values.demo ? [demoFile(), ...positionals] : positionals;
    if (!files.length) throw new UsageError("name at least one file, or --demo");
    for (const f of files) if (!fs.existsSync(f)) throw new Error(`${f}: file not found`);
    const corpus = (values.corpus as string | undefined) ?? (values.demo ? DEMO_CORPUS : baseName(files[0]!));
    const started = Date.now();
    let last = 0;
    const summary = await importFiles({
      corpus,
      files: files.map((p) => ({ path: p })),
      textField: values["text-field"] as string | undefined,
      tokenizer: values.tokenizer as string | undefined,
      onSkip: (s) => progress(`skipped ${s.file}:${s.line}: ${s.reason}`),
      onProgress: (p) => {
        if (Date.now() - last < 1000 && p.bytesRead < p.bytesTotal) return;
        last = Date.now();
        progress(describe(p, started));
      },
    });
    progress(`imported ${summary.documents.imported} documents (${summary.documents.duplicates} duplicates, ` +
      `${summary.skippedTotal} lines skipped) into "${summary.corpus}": ${summary.segments} segments`);
    return {
      corpus: summary.corpus,
      documents: summary.documents,
      segments: summary.segments,
      skipped: summary.skipped,
      ...(summary.skippedTotal > summary.skipped.length ? { skipped_total: summary.skippedTotal } : {}),
    };
  },
};

function baseName(file: string): string {
  return path.basename(file).replace(/(\.gz)?$/, "").replace(/\.(jsonl|json|txt|text|md)$/, "");
}

function describe(p: ImportProgress, started: number): string {
  const secs = (Date.now() - started) / 1000;
  const pct = p.bytesTotal ? Math.min(100, (100 * p.bytesRead) / p.bytesTotal) : 0;
  const mbs = p.bytesRead / 1e6 / Math.max(secs, 0.001);
  return `import: ${pct.toFixed(1)}%  ${mbs.toFixed(2)} MB/s  ${p.imported} documents  ${p.segments} segments  ${p.duplicates} duplicates  ${p.skipped} skipped`;
}
