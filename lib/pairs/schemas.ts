import { z } from "zod";

/**
 * Schemas shared by the pair routes and the client hooks that call them. Kept free of server imports so
 * the browser bundle can use them. Filter fields accept strings too: they arrive from the URL.
 */
const int = z.coerce.number().int();

export const PAIR_STATUSES = ["pending", "accepted", "rejected", "flagged"] as const;
export type PairStatus = (typeof PAIR_STATUSES)[number];
export const PAIR_TYPES = ["single", "multi"] as const;
export type PairType = (typeof PAIR_TYPES)[number];

export const pairFilter = z.object({
  status: z.enum(PAIR_STATUSES).optional(),
  type: z.enum(PAIR_TYPES).optional(),
  /** a quality code, "any" (at least one flag) or "none" */
  flag: z.string().regex(/^[a-z_]+$/).max(50).optional(),
  /** a model verification verdict code (lib/verify/predicate.ts), or "verified" | "unverified" | "passed" | "failed" */
  verdict: z.string().regex(/^[a-z_]+$/).max(50).optional(),
  model: z.string().max(200).optional(),
  promptVersion: z.string().max(200).optional(),
  /** a reviewer's user id; 0 = not reviewed by anyone */
  reviewer: int.nonnegative().optional(),
  edited: z.enum(["true", "false"]).optional(),
  q: z.string().max(500).optional(),
  corpusId: int.positive().optional(),
  /** only the sample of this audit (lib/audit) */
  audit: int.positive().optional(),
});
export type PairFilter = z.infer<typeof pairFilter>;
export const FILTER_KEYS = Object.keys(pairFilter.shape) as (keyof PairFilter)[];

export const PAIR_SORTS = ["newest", "oldest", "score_asc", "score_desc", "updated"] as const;
export type PairSort = (typeof PAIR_SORTS)[number];

export const pairListQuery = pairFilter.extend({
  sort: z.enum(PAIR_SORTS).optional(),
  /** opaque keyset cursor from the previous page */
  after: z.string().max(100).optional(),
  limit: int.min(1).max(500).optional(),
});
export type PairListQuery = z.infer<typeof pairListQuery>;

export const QUEUE_ORDERS = ["lowest", "highest"] as const;
export type QueueOrder = (typeof QUEUE_ORDERS)[number];

/** The review queue: pending pairs by quality score, after a keyset cursor. */
export const queueQuery = pairFilter.omit({ status: true }).extend({
  order: z.enum(QUEUE_ORDERS).optional(),
  after: z.string().max(100).optional(),
  limit: int.min(1).max(20).optional(),
});
export type QueueQuery = z.infer<typeof queueQuery>;

const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max);

export const pairChanges = z.object({
  status: z.enum(PAIR_STATUSES).optional(),
  question: text(2000).optional(),
  answer: text(4000).optional(),
  support: z.array(text(2000)).max(20).optional(),
});
export type PairChanges = z.infer<typeof pairChanges>;

/** PATCH /api/pairs/:id — applies only when `version` is the pair's current version (else 409). */
export const patchPairBody = pairChanges.extend({ version: z.number().int().positive() });
export type PatchPairBody = z.infer<typeof patchPairBody>;

export const undoBody = z.object({ eventId: z.number().int().positive() });

export const BULK_ACTIONS = ["accept", "reject", "flag"] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
export const bulkBody = z.object({
  filter: pairFilter,
  action: z.enum(BULK_ACTIONS),
  /** the count the user confirmed; a different count now means the data moved and needs a new confirmation */
  expected: z.number().int().nonnegative(),
});
export type BulkBody = z.infer<typeof bulkBody>;

export const recheckBody = z.object({ pairIds: z.array(z.number().int().positive()).min(1).max(50_000) });
