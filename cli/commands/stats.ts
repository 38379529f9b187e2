import { listCorpora } from "@/lib/corpus/corpora";
import type { Command } from "../command";

export const statsCommand: Command = {
  name: "stats",
  summary: "print counts per corpus as JSON",
  usage: "in2 stats",
  options: {},
  async run() {
    const corpora = await listCorpora();
    return {
      corpora: corpora.map((c) => ({ name: c.name, tokenizer: c.tokenizer, documents: c.documentCount, segments: c.segmentCount, tokens: c.tokenCount })),
    };
  },
};

statsCommand.remote = async (remote) => {
  const { corpora } = await remote.get<{ corpora: { name: string; tokenizer: string; documentCount: number; segmentCount: number; tokenCount: number }[] }>("/api/corpora");
  return {
    corpora: corpora.map((c) => ({ name: c.name, tokenizer: c.tokenizer, documents: c.documentCount, segments: c.segmentCount, tokens: c.tokenCount })),
  };
};
