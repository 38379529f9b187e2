import { z } from "zod";
import { qInt, route } from "@/lib/api/route";
import { ndjsonResponse } from "@/lib/api/ndjson";
import { PAIR_STATUSES, PAIR_TYPES } from "@/lib/pairs/schemas";
import { streamPairs } from "@/lib/pairs/stream";

const query = z.object({
  status: z.enum(PAIR_STATUSES).optional(),
  type: z.enum(PAIR_TYPES).optional(),
  /** the generation job that made them */
  job: qInt.positive().optional(),
  corpusId: qInt.positive().optional(),
});

/** Every matching pair with its evidence, as JSON Lines in id order (what `in2 pairs --jsonl` prints). */
export const GET = route({ role: "viewer", query }, async ({ query: q }) =>
  ndjsonResponse(streamPairs({ status: q.status, type: q.type, jobId: q.job, corpusId: q.corpusId }), "pairs.jsonl"));
