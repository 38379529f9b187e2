import { AuditsList } from "@/components/audit/audits-list";
import { CreateAuditForm } from "@/components/audit/create-audit-form";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Audits" };

export default function Page() {
  return (
    <>
      <PageHeader title="Audits" description="Review a random sample of a slice instead of all of it: the sample's decisions estimate the slice's accept rate with a confidence interval, and the rest can be decided from it in one undoable bulk action." />
      <div className="space-y-4"><CreateAuditForm /><AuditsList /></div>
    </>
  );
}
