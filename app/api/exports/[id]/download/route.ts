import { z } from "zod";
import { AppError } from "@/lib/api/errors";
import { route } from "@/lib/api/route";
import { idParams } from "@/lib/api/schemas";
import { audit } from "@/lib/auth/audit";
import { clientIp } from "@/lib/auth/authenticate";
import { folderMemberDownload, folderTarDownload } from "@/lib/dataset/folder-download";
import { exportDownload } from "@/lib/export/download";
import { getExport } from "@/lib/export/exports";

const downloadQuery = z.object({
  file: z.enum(["file", "manifest"]).default("file"),
  /** a Hub folder's member, by its path inside the folder (`README.md`, `data/train-00000-of-00001.parquet`) */
  path: z.string().max(300).optional(),
});

/**
 * The finished file (or its manifest with ?file=manifest), streamed from the export store. A Hub folder
 * (layout hf) comes as one tar of the folder, or one member file with ?path=. Downloads are audited.
 */
export const GET = route({ role: "viewer", params: idParams, query: downloadQuery }, async ({ params, query, user, req }) => {
  const row = await getExport(params.id);
  const folder = row.params.layout === "hf";
  if (query.path !== undefined && !folder) {
    throw new AppError("bad_request", `path= names a file inside a Hub folder; export ${row.id} is one JSON Lines file (use file=file or file=manifest)`);
  }
  const res = !folder ? await exportDownload(params.id, query.file)
    : query.path !== undefined ? await folderMemberDownload(row, query.path)
    : query.file === "manifest" ? await folderMemberDownload(row, "manifest.json") : await folderTarDownload(row);
  await audit("export_downloaded", { actor: user, target: `export ${params.id}`, ip: clientIp(req), detail: { file: query.path ?? query.file } });
  return res;
});
