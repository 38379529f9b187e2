export const PROBE_STYLES = ["document", "code", "database"] as const;
export type ProbeStyle = (typeof PROBE_STYLES)[number];

/** The paper's retrieval pattern per style, shown beside the style's name. */
export const STYLE_INFO: Record<ProbeStyle, { title: string; pattern: string; unit: string }> = {
  document: { title: "Document sentence retrieval", pattern: "bi-directional", unit: "sentences" },
  code: { title: "Code function retrieval", pattern: "backward", unit: "functions" },
  database: { title: "Database entity retrieval", pattern: "forward", unit: "entities" },
};

/** One piece of a context: how it reads there, what a question quotes from it, and what answers it. */
export interface ProbeItem {
  text: string;
  /** the 8-word piece, the code line or the entity id */
  key: string;
  answer: string;
  /** scoring fields beyond `answer` (database: label, description) */
  meta: Record<string, string>;
}

export interface BuiltContext {
  setIndex: number;
  text: string;
  itemCount: number;
  tokenCount: number;
}

export interface BuiltExample {
  setIndex: number;
  /** 0-based index of the target item in its context */
  position: number;
  itemCount: number;
  key: string;
  question: string;
  answer: string;
  meta: Record<string, string>;
  promptTokens: number;
  /** only for examples imported from a JSONL file, whose prompt is not split into context and question */
  prompt?: string;
}

/** An example left out because its key occurs more than once in the context (the paper's skip list). */
export interface ExcludedExample {
  setIndex: number;
  position: number;
  occurrences: number;
}

export interface BuildResult {
  contexts: BuiltContext[];
  examples: BuiltExample[];
  excluded: ExcludedExample[];
}
