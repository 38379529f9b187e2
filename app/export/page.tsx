import { ExportPage } from "@/components/export/export-page";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Export" };

export default function Page() {
  return (
    <>
      <PageHeader
        title="Export"
        description="Write accepted pairs with their long contexts as a training file: the FILM-7B template, chat messages, or raw fields with positions. Next: train, then probe the model by position."
      />
      <ExportPage />
    </>
  );
}
