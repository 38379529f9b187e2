import type { OpenApiDocument, Operation, Parameter } from "@/lib/api/openapi";
import { Card } from "@/components/ui/card";
import { constraints, SchemaView, typeLabel } from "./schema-view";

const METHOD_COLOR: Record<string, string> = {
  get: "bg-sky-50 text-sky-700 ring-sky-200 dark:bg-sky-500/10 dark:text-sky-300 dark:ring-sky-900",
  post: "bg-emerald-50 text-emerald-700 ring-emerald-200 dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-900",
  patch: "bg-amber-50 text-amber-800 ring-amber-200 dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-900",
  put: "bg-amber-50 text-amber-800 ring-amber-200 dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-900",
  delete: "bg-red-50 text-red-700 ring-red-200 dark:bg-red-500/10 dark:text-red-300 dark:ring-red-900",
};
const ROLE_COLOR: Record<string, string> = {
  public: "text-zinc-500", viewer: "text-zinc-600 dark:text-zinc-400", reviewer: "text-sky-700 dark:text-sky-300",
  curator: "text-indigo-700 dark:text-indigo-300", admin: "text-red-700 dark:text-red-300",
};

/** The OpenAPI document as a page: one card per area, one row per operation with its role, parameters and body. */
export function ApiDocs({ doc }: { doc: OpenApiDocument }) {
  const byTag = new Map<string, { path: string; method: string; op: Operation }[]>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = op.tags[0] ?? "api";
      byTag.set(tag, [...(byTag.get(tag) ?? []), { path, method, op }]);
    }
  }
  const tags = [...byTag.keys()].sort();
  const count = [...byTag.values()].reduce((n, l) => n + l.length, 0);
  return (
    <div className="grid gap-6 lg:grid-cols-[10rem_1fr]">
      <nav aria-label="API areas" className="text-sm lg:sticky lg:top-16 lg:self-start">
        <div className="mb-2 text-xs font-medium text-zinc-500"><span className="tabular">{count}</span> operations</div>
        <ul className="flex flex-wrap gap-x-3 gap-y-1 lg:block lg:space-y-0.5">
          {tags.map((t) => (
            <li key={t}><a href={`#${t}`} className="text-zinc-600 hover:text-indigo-700 dark:text-zinc-400 dark:hover:text-indigo-300">{t}</a></li>
          ))}
        </ul>
      </nav>
      <div className="min-w-0 space-y-6">
        {tags.map((tag) => (
          <section key={tag} id={tag} aria-labelledby={`h-${tag}`} className="scroll-mt-16">
            <h2 id={`h-${tag}`} className="mb-2 text-sm font-semibold">{tag}</h2>
            <Card className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {byTag.get(tag)!.map(({ path, method, op }) => <OperationRow key={`${method} ${path}`} path={path} method={method} op={op} />)}
            </Card>
          </section>
        ))}
      </div>
    </div>
  );
}

function OperationRow({ path, method, op }: { path: string; method: string; op: Operation }) {
  const body = op.requestBody?.content["application/json"]?.schema;
  return (
    <details id={op.operationId} className="group px-4 py-2.5 [&_summary::-webkit-details-marker]:hidden">
      <summary className="flex cursor-pointer flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <span className={`w-14 rounded px-1.5 py-0.5 text-center font-mono text-[11px] font-semibold uppercase ring-1 ring-inset ${METHOD_COLOR[method] ?? ""}`}>{method}</span>
        <code className="font-mono text-[13px]">{path}</code>
        <span className={`text-xs font-medium ${ROLE_COLOR[op["x-role"]] ?? ""}`}>{op["x-role"]}</span>
        {op.summary && <span className="min-w-0 flex-1 truncate text-xs text-zinc-500">{op.summary}</span>}
      </summary>
      <div className="mt-3 space-y-3 pb-1 pl-0 sm:pl-[4.25rem]">
        {op.description && op.description !== op.summary && <p className="max-w-3xl text-xs text-zinc-600 dark:text-zinc-400">{op.description}</p>}
        <p className="text-xs text-zinc-500">
          {op["x-role"] === "public" ? "No sign-in needed." : <>Needs the <b className="font-medium">{op["x-role"]}</b> role or above: a session cookie or <code className="font-mono">Authorization: Bearer in2_…</code>.</>}
          {" "}Source: <code className="font-mono">{op["x-source"]}</code>
        </p>
        {op.parameters.length > 0 && <Params params={op.parameters} />}
        {body && (
          <div>
            <h3 className="mb-1 text-xs font-semibold">JSON body</h3>
            <SchemaView schema={body} />
          </div>
        )}
        {!body && op.parameters.length === 0 && <p className="text-xs text-zinc-500">No parameters.</p>}
      </div>
    </details>
  );
}

function Params({ params }: { params: Parameter[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full max-w-3xl text-left text-xs">
        <thead className="text-zinc-500">
          <tr><th className="py-1 pr-4 font-medium">Parameter</th><th className="py-1 pr-4 font-medium">In</th><th className="py-1 pr-4 font-medium">Type</th><th className="py-1 font-medium">Bounds</th></tr>
        </thead>
        <tbody>
          {params.map((p) => (
            <tr key={`${p.in}:${p.name}`} className="border-t border-zinc-100 dark:border-zinc-800">
              <td className="py-1 pr-4 font-mono">{p.name}{p.required && <span className="text-red-600" title="required"> *</span>}</td>
              <td className="py-1 pr-4 text-zinc-500">{p.in}</td>
              <td className="py-1 pr-4"><code className="font-mono text-indigo-700 dark:text-indigo-300">{typeLabel(p.schema)}</code></td>
              <td className="py-1 text-zinc-500">{[...constraints(p.schema), ...(p.schema.default !== undefined ? [`default ${JSON.stringify(p.schema.default)}`] : [])].join(" · ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
