import { z } from "zod";
import { qInt } from "@/lib/api/route";

/** Query and body schemas of the generation routes, shared with their client hooks. */
export { generateRequest, type GenerateRequest } from "./params";

export const itemsQuery = z.object({
  status: z.enum(["pending", "running", "succeeded", "failed"]).optional(),
  after: qInt.nonnegative().optional(),
  limit: qInt.min(1).max(200).optional(),
});
export type ItemsQuery = z.infer<typeof itemsQuery>;

export const budgetBody = z.object({ budgetUsd: z.number().positive().nullable() });
