import { getCorpus } from "@/lib/corpus/corpora";
import { streamDocuments } from "@/lib/corpus/documents";
import { streamSegments } from "@/lib/corpus/segments";
import { UsageError, type Command } from "../command";
import { writeLine } from "../output";

async function corpusId(name: unknown): Promise<number | undefined> {
  return typeof name === "string" ? (await getCorpus(name)).id : undefined;
}

export const segmentsCommand: Command = {
  name: "segments",
  summary: "stream segments as JSON Lines on stdout",
  usage: "in2 segments [--corpus NAME] [--min-tokens N] [--max-tokens N] --jsonl",
  options: { corpus: { type: "string" }, jsonl: { type: "boolean" }, "min-tokens": { type: "string" }, "max-tokens": { type: "string" } },
  async run(values) {
    if (!values.jsonl) throw new UsageError("--jsonl is the only output format");
    const filter = {
      corpusId: await corpusId(values.corpus),
      minTokens: values["min-tokens"] ? Number(values["min-tokens"]) : undefined,
      maxTokens: values["max-tokens"] ? Number(values["max-tokens"]) : undefined,
    };
    for await (const s of streamSegments(filter)) await writeLine(s);
    return undefined;
  },
};

export const documentsCommand: Command = {
  name: "documents",
  summary: "stream documents as JSON Lines on stdout",
  usage: "in2 documents [--corpus NAME] --jsonl",
  options: { corpus: { type: "string" }, jsonl: { type: "boolean" } },
  async run(values) {
    if (!values.jsonl) throw new UsageError("--jsonl is the only output format");
    for await (const d of streamDocuments({ corpusId: await corpusId(values.corpus) })) await writeLine(d);
    return undefined;
  },
};
