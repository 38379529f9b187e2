import { CorporaTable } from "@/components/corpora/corpora-table";
import { ImportForm } from "@/components/corpora/import-form";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Corpora" };

export default function CorporaPage() {
  return (
    <>
      <PageHeader title="Corpora" description="Import news-like text, cut into IN2 segments of at least 128 tokens with the target model's tokenizer. Next: browse segments, then generate question–answer pairs." />
      <div className="space-y-6">
        <CorporaTable />
        <ImportForm />
      </div>
    </>
  );
}
