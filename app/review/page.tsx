import { Suspense } from "react";
import { ReviewWorkspace } from "@/components/review/review-workspace";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Review" };

export default function Page() {
  return (
    <>
      <PageHeader title="Review" description="One pending pair at a time, with its evidence and the support quotes marked. Decide with the keys below; every change is recorded and can be undone. Next: assemble accepted pairs into long contexts." />
      <Suspense><ReviewWorkspace /></Suspense>
    </>
  );
}
