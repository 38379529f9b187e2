import { ApiDocs } from "@/components/api-docs/api-docs";
import { PageHeader } from "@/components/ui/page-header";
import { buildOpenApi } from "@/lib/api/openapi";
import { ROUTES } from "@/lib/api/openapi-routes";

export const metadata = { title: "REST API" };

export default function Page() {
  const doc = buildOpenApi(ROUTES);
  return (
    <>
      <PageHeader
        title="REST API"
        description={<>Every route the app and the <code className="font-mono">in2</code> CLI use, with the role it needs and the schemas it checks. Scripts send <code className="font-mono">Authorization: Bearer in2_…</code> with a token from Settings; the CLI does the same with <code className="font-mono">IN2_URL</code> and <code className="font-mono">IN2_TOKEN</code>.</>}
        actions={<a href="/api/openapi.json" className="rounded-md border border-zinc-200 px-3 py-1.5 text-sm hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800">openapi.json</a>}
      />
      <ApiDocs doc={doc} />
    </>
  );
}
