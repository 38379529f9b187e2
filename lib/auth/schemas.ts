import { z } from "zod";
import { ROLES } from "./roles";

export const loginBody = z.object({ email: z.string().trim().min(3).max(320), password: z.string().min(1).max(1024) });
export const setupBody = z.object({ email: z.string().trim().min(3).max(320), name: z.string().trim().max(200).optional(), password: z.string().max(1024) });
export const newUserBody = setupBody.extend({ role: z.enum(ROLES) });
export const roleBody = z.object({ role: z.enum(ROLES) });
export const newTokenBody = z.object({ name: z.string().trim().min(1).max(100) });
