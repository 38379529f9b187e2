import Link from "next/link";
import { Suspense } from "react";
import { GeneratePanel } from "@/components/generate/generate-panel";
import { JobsList } from "@/components/jobs/jobs-list";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Generate" };

export default function GeneratePage() {
  return (
    <>
      <PageHeader title="Generate" description={<>Write question–answer pairs from segments as background jobs: estimate first, then watch progress, cost and failures. Generation jobs are listed below; every job of the app is on the <Link href="/jobs" className="text-indigo-600 hover:underline">Jobs</Link> page.</>}
        actions={<Link href="/generate/prompts" className="rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800">Prompts</Link>} />
      <Suspense><GeneratePanel /></Suspense>
      <div className="mt-6"><JobsList kind="generate" /></div>
    </>
  );
}
