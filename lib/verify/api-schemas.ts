import { z } from "zod";

/** Schemas of the verification routes, shared with their client hooks (no server imports). */
export { verifyRequest, type VerifyRequest } from "./params";

export const verdictsQuery = z.object({
  /** comma-separated pair ids of one table page */
  ids: z.string().regex(/^\d+(,\d+)*$/).max(2000).transform((s) => s.split(",").map(Number).slice(0, 500)),
});
