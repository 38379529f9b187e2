import { NotYet } from "@/components/ui/not-yet";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Review" };

export default function Page() {
  return (
    <>
      <PageHeader title="Review" />
      <NotYet what="Reviewing question–answer pairs one at a time, keyboard-first" />
    </>
  );
}
