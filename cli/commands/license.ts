import { corpusLicense, setCorpusLicense } from "@/lib/dataset/license";
import { UsageError, type Command } from "../command";

/** `in2 license CORPUS [ID]`: shows or sets the licence a Hub export's card states for a corpus (C4: odc-by). */
export const licenseCommand: Command = {
  name: "license",
  summary: "show or set a corpus's licence (the dataset card of in2 export --layout hf states it)",
  usage: "in2 license CORPUS [ID]   (ID: odc-by, cc-by-4.0, apache-2.0, other …; new corpora are \"unknown\")",
  options: {},
  remoteUnavailable: "in2 license works on a database directly; run it where DATABASE_URL reaches the database",
  async run(_v, positionals) {
    const [corpus, id] = positionals;
    if (!corpus) throw new UsageError("name the corpus: in2 license CORPUS [ID]");
    return id === undefined ? corpusLicense(corpus) : setCorpusLicense(corpus, id);
  },
};
