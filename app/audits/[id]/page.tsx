import { AuditDetail } from "@/components/audit/audit-detail";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Audit" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <>
      <PageHeader title={`Audit #${id}`} description="Review the sample, watch the interval narrow, then decide the rest of the slice from it." />
      <AuditDetail id={Number(id)} />
    </>
  );
}
