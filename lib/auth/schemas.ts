import { z } from "zod";
import { MAX_TOKEN_DAYS } from "./tokens";
import { ROLES } from "./roles";

export const loginBody = z.object({ email: z.string().trim().min(3).max(320), password: z.string().min(1).max(1024) });
export const setupBody = z.object({ email: z.string().trim().min(3).max(320), name: z.string().trim().max(200).optional(), password: z.string().max(1024) });
export const newUserBody = setupBody.extend({ role: z.enum(ROLES) });
export const roleBody = z.object({ role: z.enum(ROLES) });
/** PATCH /api/users/:id — a role change, or disabling / enabling the account. */
export const userPatchBody = z.object({ role: z.enum(ROLES).optional(), disabled: z.boolean().optional() })
  .refine((b) => b.role !== undefined || b.disabled !== undefined, "give a role or disabled: true|false");
export const resetPasswordBody = z.object({ password: z.string().min(1).max(1024) });
export const changePasswordBody = z.object({ current: z.string().min(1).max(1024), next: z.string().min(1).max(1024) });
export const newTokenBody = z.object({
  name: z.string().trim().min(1).max(100),
  /** omitted or null: the token never expires */
  expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS).nullable().optional(),
});
export const tokensQuery = z.object({ all: z.enum(["true", "false"]).transform((v) => v === "true").optional() });
