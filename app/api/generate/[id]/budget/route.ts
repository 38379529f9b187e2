import { route } from "@/lib/api/route";
import { idParams } from "@/lib/api/schemas";
import { budgetBody } from "@/lib/generate/api-schemas";
import { raiseBudgetAndResume } from "@/lib/generate/resume";

export const POST = route({ role: "curator", params: idParams, body: budgetBody }, async ({ params, body }) => raiseBudgetAndResume(params.id, body.budgetUsd));
