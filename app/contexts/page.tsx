import { ContextsPage } from "@/components/contexts/contexts-page";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Contexts" };

export default function Page() {
  return (
    <>
      <PageHeader title="Contexts"
        description="Assemble 4K–32K-token IN2 contexts for accepted pairs, check that lengths and evidence positions are balanced, and preview any context before export." />
      <ContextsPage />
    </>
  );
}
