import { z } from "zod";
import { qInt } from "@/lib/api/route";
import { exportOptions } from "./params";

/** POST /api/exports: the export options themselves (the file goes to the app's exports folder). */
export const startExportBody = exportOptions;
export type StartExportBody = z.input<typeof startExportBody>;

export const exportsQuery = z.object({
  before: qInt.positive().optional(),
  limit: qInt.min(1).max(200).optional(),
});
