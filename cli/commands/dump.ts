import { getCorpus } from "@/lib/corpus/corpora";
import { streamDocuments } from "@/lib/corpus/documents";
import { streamSegments } from "@/lib/corpus/segments";
import { UsageError, type Command, type Values } from "../command";
import { wholeOption } from "../options";
import { writeLine } from "../output";
import { remoteCorpusId } from "../remote";

async function corpusId(name: unknown): Promise<number | undefined> {
  return typeof name === "string" ? (await getCorpus(name)).id : undefined;
}

function tokenRange(values: Values) {
  return { minTokens: wholeOption(values, "min-tokens", 0), maxTokens: wholeOption(values, "max-tokens", 0) };
}

function needJsonl(values: Values): void {
  if (!values.jsonl) throw new UsageError("--jsonl is the only output format");
}

export const segmentsCommand: Command = {
  name: "segments",
  summary: "stream segments as JSON Lines on stdout",
  usage: "in2 segments [--corpus NAME] [--min-tokens N] [--max-tokens N] --jsonl",
  options: { corpus: { type: "string" }, jsonl: { type: "boolean" }, "min-tokens": { type: "string" }, "max-tokens": { type: "string" } },
  async run(values) {
    needJsonl(values);
    for await (const s of streamSegments({ corpusId: await corpusId(values.corpus), ...tokenRange(values) })) await writeLine(s);
    return undefined;
  },
  async remote(remote, values) {
    needJsonl(values);
    const query = { corpusId: await remoteCorpusId(remote, values.corpus), ...tokenRange(values) };
    for await (const s of remote.lines("/api/segments/jsonl", query)) await writeLine(s);
    return undefined;
  },
};

export const documentsCommand: Command = {
  name: "documents",
  summary: "stream documents as JSON Lines on stdout",
  usage: "in2 documents [--corpus NAME] --jsonl",
  options: { corpus: { type: "string" }, jsonl: { type: "boolean" } },
  async run(values) {
    needJsonl(values);
    for await (const d of streamDocuments({ corpusId: await corpusId(values.corpus) })) await writeLine(d);
    return undefined;
  },
  async remote(remote, values) {
    needJsonl(values);
    for await (const d of remote.lines("/api/documents/jsonl", { corpusId: await remoteCorpusId(remote, values.corpus) })) await writeLine(d);
    return undefined;
  },
};
