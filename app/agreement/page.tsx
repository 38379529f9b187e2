import { AgreementView } from "@/components/agreement/agreement-view";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Agreement" };

export default function Page() {
  return (
    <>
      <PageHeader title="Agreement" description="How consistently reviewers decide: a share of pairs is reviewed twice, blind; Cohen's kappa per reviewer pair and overall; disagreements go to a curator." />
      <AgreementView />
    </>
  );
}
