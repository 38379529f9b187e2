import Link from "next/link";
import { Suspense } from "react";
import { GeneratePanel } from "@/components/generate/generate-panel";
import { JobsList } from "@/components/jobs/jobs-list";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Generate" };

export default function GeneratePage() {
  return (
    <>
      <PageHeader title="Generate" description={<>Write question–answer pairs from segments as background jobs: estimate first, then watch progress, cost and failures. Generation jobs are listed below; every job of the app is on the <Link href="/jobs" className="text-indigo-600 hover:underline">Jobs</Link> page.</>} />
      <Suspense><GeneratePanel /></Suspense>
      <div className="mt-6"><JobsList kind="generate" /></div>
    </>
  );
}
