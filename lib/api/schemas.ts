import { z } from "zod";
import { apiTokenizer } from "@/lib/tokenize/policy";
import { qInt } from "./route";

/** Query and body schemas shared by the API routes and the client hooks that call them. */
export const idParams = z.object({ id: qInt.positive() });

export const segmentQuery = z.object({
  corpusId: qInt.positive().optional(),
  minTokens: qInt.nonnegative().optional(),
  maxTokens: qInt.nonnegative().optional(),
  q: z.string().max(500).optional(),
  after: qInt.nonnegative().optional(),
  limit: qInt.min(1).max(500).optional(),
});
export type SegmentQuery = z.infer<typeof segmentQuery>;

export const sampleQuery = segmentQuery.omit({ after: true, limit: true }).extend({
  n: qInt.min(1).max(10_000),
  seed: qInt,
});

export const documentQuery = z.object({
  corpusId: qInt.positive().optional(),
  q: z.string().max(500).optional(),
  after: qInt.nonnegative().optional(),
  limit: qInt.min(1).max(500).optional(),
});
export type DocumentQuery = z.infer<typeof documentQuery>;

export const importBody = z.object({
  corpus: z.string().trim().min(1, "a corpus needs a name").max(200),
  uploads: z.array(z.string().min(1).max(200)).min(1, "upload at least one file").max(1000, "at most 1000 files per import"),
  names: z.array(z.string().max(300)).max(1000).optional(),
  textField: z.string().trim().min(1).max(200).optional(),
  tokenizer: apiTokenizer.optional(),
  /** a new corpus cuts paragraphs over this many tokens at sentence boundaries (default 256; 0 = never) */
  maxParagraphTokens: z.number().int().min(0).max(1_000_000).optional(),
  /** the source text's licence (SPDX or Hub id, e.g. ODC-By-1.0 / odc-by); absent or "unknown" = not known yet */
  license: z.string().trim().max(100).optional(),
});
export type ImportBody = z.infer<typeof importBody>;

export const JOB_STATUSES = ["queued", "running", "cancelling", "cancelled", "succeeded", "failed"] as const;

export const jobsQuery = z.object({
  kind: z.string().max(100).optional(),
  status: z.enum(JOB_STATUSES).optional(),
  active: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  before: qInt.positive().optional(),
  limit: qInt.min(1).max(200).optional(),
});
