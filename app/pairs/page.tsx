import { NotYet } from "@/components/ui/not-yet";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Pairs" };

export default function Page() {
  return (
    <>
      <PageHeader title="Pairs" />
      <NotYet what="The table of all question–answer pairs with filters and bulk actions" />
    </>
  );
}
