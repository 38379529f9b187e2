import { route } from "@/lib/api/route";
import { idParams } from "@/lib/api/schemas";
import { getExport, getExportManifest } from "@/lib/export/exports";

/** One export with its manifest (counts, parameters, histograms, sha256). */
export const GET = route({ role: "viewer", params: idParams }, async ({ params }) => ({
  export: await getExport(params.id),
  manifest: await getExportManifest(params.id),
}));
