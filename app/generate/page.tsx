import { Suspense } from "react";
import { GeneratePanel } from "@/components/generate/generate-panel";
import { JobsList } from "@/components/jobs/jobs-list";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Generate & Jobs" };

export default function GeneratePage() {
  return (
    <>
      <PageHeader title="Generate & Jobs" description="Write question–answer pairs from segments as background jobs: estimate first, then watch progress, cost and failures. Every job of the app is listed below." />
      <Suspense><GeneratePanel /></Suspense>
      <div className="mt-6"><JobsList /></div>
    </>
  );
}
