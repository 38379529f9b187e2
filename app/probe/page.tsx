import { NotYet } from "@/components/ui/not-yet";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Probe" };

export default function Page() {
  return (
    <>
      <PageHeader title="Probe" />
      <NotYet what="VaL Probing" />
    </>
  );
}
