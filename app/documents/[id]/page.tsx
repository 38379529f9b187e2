import { notFound } from "next/navigation";
import { DocumentView } from "@/components/documents/document-view";
import { PageHeader } from "@/components/ui/page-header";

export default async function DocumentPage({ params }: { params: Promise<{ id: string }> }) {
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id < 1) notFound();
  return (
    <>
      <PageHeader title={`Document #${id}`} description="How this text was cut into IN2 segments." />
      <DocumentView id={id} />
    </>
  );
}
