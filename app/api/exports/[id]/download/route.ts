import { z } from "zod";
import { route } from "@/lib/api/route";
import { idParams } from "@/lib/api/schemas";
import { audit } from "@/lib/auth/audit";
import { clientIp } from "@/lib/auth/authenticate";
import { exportDownload } from "@/lib/export/download";

const downloadQuery = z.object({ file: z.enum(["file", "manifest"]).default("file") });

/** The finished file (or its manifest with ?file=manifest), streamed from disk. Downloads are audited. */
export const GET = route({ role: "viewer", params: idParams, query: downloadQuery }, async ({ params, query, user, req }) => {
  const res = await exportDownload(params.id, query.file);
  await audit("export_downloaded", { actor: user, target: `export ${params.id}`, ip: clientIp(req), detail: { file: query.file } });
  return res;
});
