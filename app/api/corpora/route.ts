import { route } from "@/lib/api/route";
import { listCorpora } from "@/lib/corpus/corpora";
import { corpusExtras } from "@/lib/corpus/corpus-extras";

export const GET = route({ role: "viewer" }, async () => {
  const [corpora, extras] = await Promise.all([listCorpora(), corpusExtras()]);
  return { corpora: corpora.map((c) => ({ ...c, ...(extras.get(c.id) ?? { shortDocuments: 0, lastImport: null }) })) };
});
