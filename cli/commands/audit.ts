import { applyAudit, createAudit, getAudit } from "@/lib/audit/audits";
import { applyAuditBody, createAuditBody } from "@/lib/audit/schemas";
import { userIdByEmail } from "@/lib/auth/users";
import { pairFilter } from "@/lib/pairs/schemas";
import { progress, UsageError, type Command, type Values } from "../command";
import { numberOption } from "../options";

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

/** `--filter status=pending,model=gpt-4o-mini` (the pairs-table filter keys) or a JSON object. */
function parseFilter(text: string | undefined) {
  if (!text) return {};
  let raw: Record<string, string>;
  if (text.trim().startsWith("{")) raw = JSON.parse(text) as Record<string, string>;
  else raw = Object.fromEntries(text.split(",").filter(Boolean).map((kv) => {
    const i = kv.indexOf("=");
    if (i < 1) throw new UsageError(`--filter: "${kv}" is not key=value`);
    return [kv.slice(0, i).trim(), kv.slice(i + 1).trim()];
  }));
  const parsed = pairFilter.omit({ audit: true }).strict().safeParse(raw);
  if (!parsed.success) throw new UsageError(`--filter: ${parsed.error.issues.map((i) => `${i.path.join(".") || "filter"}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

function auditId(positionals: string[]): number {
  const id = Number(positionals[1]);
  if (!Number.isInteger(id) || id < 1) throw new UsageError("name the audit: in2 audit show|apply ID");
  return id;
}

const actor = async (values: Values) => (typeof values.as === "string" ? userIdByEmail(values.as) : null);

export const auditCommand: Command = {
  name: "audit",
  summary: "audit samples: draw a seeded sample of a slice, see its estimate, decide the rest from it",
  usage: `in2 audit create --filter status=pending,model=M [--size N | --margin 0.05 [--confidence 0.95]] [--seed S] [--name T] [--as EMAIL]
       in2 audit show ID
       in2 audit apply ID --accept-above 0.9 [--reject-below 0.5] [--as EMAIL]   (one bulk action, undoable in the app)`,
  options: {
    filter: { type: "string" }, size: { type: "string" }, margin: { type: "string" }, confidence: { type: "string" }, seed: { type: "string" },
    name: { type: "string" }, as: { type: "string" }, "accept-above": { type: "string" }, "reject-below": { type: "string" },
  },
  remoteUnavailable: "run it on the server, or use POST /api/audits with a token",
  async run(values, positionals) {
    const action = positionals[0];
    if (action === "create") {
      const body = createAuditBody.safeParse({ filter: parseFilter(values.filter as string | undefined), size: numberOption(values, "size"),
        margin: numberOption(values, "margin"), confidence: numberOption(values, "confidence"), seed: values.seed, name: values.name });
      if (!body.success) throw new UsageError(body.error.issues.map((i) => i.message).join("; "));
      const a = await createAudit(body.data, await actor(values));
      progress(`audit ${a.id}: ${a.size} of ${a.population} pairs sampled (seed ${a.seed}); review them at /review?audit=${a.id}`);
      return { audit: a };
    }
    if (action === "show") {
      const a = await getAudit(auditId(positionals));
      progress(`audit ${a.id}: ${a.estimate.reviewed}/${a.size} reviewed · accept rate ${a.estimate.rate === null ? "–" : pct(a.estimate.rate)} ` +
        `[${pct(a.estimate.low)}, ${pct(a.estimate.high)}] at ${pct(a.confidence)} · ${a.remainder} pending outside the sample`);
      return { audit: a };
    }
    if (action === "apply") {
      const body = applyAuditBody.safeParse({ acceptAbove: numberOption(values, "accept-above"), rejectBelow: numberOption(values, "reject-below") });
      if (!body.success) throw new UsageError("give --accept-above and/or --reject-below (0…1)");
      const r = await applyAudit(auditId(positionals), body.data, await actor(values));
      progress(`${r.decision.action}ed ${r.decision.changed} pairs (bulk action ${r.decision.groupId}, undoable)`);
      return r;
    }
    throw new UsageError(action ? `unknown action "${action}"; use create, show or apply` : "name an action: create, show or apply");
  },
};
