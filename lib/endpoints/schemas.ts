import { z } from "zod";

/** Shared by the Settings form, the API and the CLI. The key is write-only: no answer ever carries it. */
export const endpointBody = z.object({
  name: z.string().trim().min(1, "name the endpoint").max(64),
  baseUrl: z.string().trim().min(1, "give the base URL, e.g. http://127.0.0.1:8000/v1").max(2000),
  models: z.array(z.string().trim().min(1).max(300)).max(200, "at most 200 models per endpoint").default([]),
  /** omitted on an update: keep the stored key; null or "": remove it */
  apiKey: z.string().max(4096).nullable().optional(),
  allowPrivate: z.boolean().default(false),
});
export type EndpointBody = z.input<typeof endpointBody>;
