import { NotYet } from "@/components/ui/not-yet";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Contexts" };

export default function Page() {
  return (
    <>
      <PageHeader title="Contexts" />
      <NotYet what="Assembling 4K–32K-token contexts and their balance charts" />
    </>
  );
}
