import { z } from "zod";
import { pairFilter } from "@/lib/pairs/schemas";

/** Shared by the audit routes, the CLI and the client hooks (no server imports). */
export const createAuditBody = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  /** the slice: any pairs-table filter */
  filter: pairFilter.omit({ audit: true }),
  /** the sample size; when absent, suggested from `margin` and `confidence` */
  size: z.number().int().min(1).max(100_000).optional(),
  margin: z.number().gt(0).lt(0.5).optional(),
  confidence: z.number().min(0.5).max(0.999).optional(),
  seed: z.string().trim().min(1).max(100).default("1"),
}).refine((b) => b.size !== undefined || b.margin !== undefined, { message: "give a sample size or a target margin" });
export type CreateAuditBody = z.input<typeof createAuditBody>;

export const applyAuditBody = z.object({
  /** accept the unreviewed rest when the interval's lower bound is at least this */
  acceptAbove: z.number().min(0).max(1).optional(),
  /** reject the unreviewed rest when the interval's upper bound is at most this */
  rejectBelow: z.number().min(0).max(1).optional(),
}).refine((b) => b.acceptAbove !== undefined || b.rejectBelow !== undefined, { message: "give acceptAbove or rejectBelow" });
export type ApplyAuditBody = z.infer<typeof applyAuditBody>;

export interface AuditSummary {
  id: number;
  name: string;
  filter: Record<string, unknown>;
  seed: string;
  size: number;
  population: number;
  margin: number | null;
  confidence: number;
  createdAt: string;
  createdBy: string | null;
  /** the sample's review so far */
  sample: { pending: number; accepted: number; rejected: number; flagged: number };
  /** accept rate among reviewed sample pairs (flagged counts as not accepted), with its Wilson interval */
  estimate: { rate: number | null; low: number; high: number; reviewed: number };
  /** pending pairs of the slice outside the sample: what "decide the rest" would change */
  remainder: number;
  applied: { groupId: number; action: string; changed: number; undone: boolean; at: string } | null;
}
