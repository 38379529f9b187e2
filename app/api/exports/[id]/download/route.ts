import { z } from "zod";
import { route } from "@/lib/api/route";
import { idParams } from "@/lib/api/schemas";
import { exportDownload } from "@/lib/export/download";

const downloadQuery = z.object({ file: z.enum(["file", "manifest"]).default("file") });

/** The finished file (or its manifest with ?file=manifest), streamed from disk. */
export const GET = route({ role: "viewer", params: idParams, query: downloadQuery }, async ({ params, query }) => exportDownload(params.id, query.file));
