import { z } from "zod";
import { route } from "@/lib/api/route";
import { saveUpload } from "@/lib/corpus/uploads";

/** POST the raw file bytes, streamed into PostgreSQL; ?name= gives the file name (its extension tells JSON Lines from text). */
export const POST = route({ role: "curator", query: z.object({ name: z.string().min(1).max(300) }) }, async ({ query, req, user }) =>
  saveUpload(query.name, req.body, user.id || undefined));
