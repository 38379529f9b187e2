import { NotYet } from "@/components/ui/not-yet";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Export" };

export default function Page() {
  return (
    <>
      <PageHeader title="Export" />
      <NotYet what="Exporting curated datasets" />
    </>
  );
}
