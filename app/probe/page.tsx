import { ProbePage } from "@/components/probe/probe-page";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Probe" };

export default function Page() {
  return (
    <>
      <PageHeader title="Probe"
        description="VaL Probing (the FILM paper's evaluation): does a model find information at every position of a long context? Build a set, run it against a model endpoint, compare the accuracy by position, Avg and Gap." />
      <ProbePage />
    </>
  );
}
