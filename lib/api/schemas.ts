import { z } from "zod";
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
  uploads: z.array(z.string()).min(1, "upload at least one file"),
  names: z.array(z.string()).optional(),
  textField: z.string().trim().min(1).max(200).optional(),
  tokenizer: z.string().trim().min(1).max(500).optional(),
});
export type ImportBody = z.infer<typeof importBody>;

export const JOB_STATUSES = ["queued", "running", "cancelling", "cancelled", "succeeded", "failed"] as const;

export const jobsQuery = z.object({
  kind: z.string().optional(),
  status: z.enum(JOB_STATUSES).optional(),
  active: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  before: qInt.positive().optional(),
  limit: qInt.min(1).max(200).optional(),
});
