import type { DashboardStats } from "@/components/hooks/use-stats-query";
import { plural } from "@/lib/client/format";

export interface NextStep { href: string; title: string; why: string }

/** Where the journey stands: the one step a researcher most likely takes next. */
export function nextStep(d: DashboardStats): NextStep {
  const count = (status?: string) => d.pairs.filter((p) => !status || p.status === status).reduce((a, p) => a + p.n, 0);
  if (d.corpora === 0) return { href: "/corpora", title: "Import a corpus", why: "Load the demo corpus or import JSON Lines; everything else starts from segments." };
  if (count() === 0) return { href: "/generate", title: "Generate question–answer pairs", why: `${plural(d.segments, "segment")} are ready; generate pairs from a seeded sample (offline needs no API key).` };
  if (count("pending") > 0) return { href: "/review", title: `Review ${plural(count("pending"), "pending pair")}`, why: "Accept, reject or edit them, keyboard-first; only accepted pairs are assembled and exported." };
  if (count("accepted") === 0) return { href: "/generate", title: "Generate more pairs", why: "No pair is accepted yet, and none is waiting for review." };
  if (!d.steps.assembled) return { href: "/contexts", title: "Assemble long contexts", why: `${plural(count("accepted"), "accepted pair")} can be placed at random depths in 4K–32K-token contexts.` };
  if (!d.steps.exported) return { href: "/export", title: "Export the training set", why: "Contexts are assembled; write them in the FILM template, chat messages or raw fields." };
  if (!d.steps.probed) return { href: "/probe", title: "Probe a model by position", why: "Build a VaL-style probing set and score a model endpoint at every depth." };
  return { href: "/review", title: "Keep reviewing", why: "Every step has been taken once; generate, review and export more as the data grows." };
}
