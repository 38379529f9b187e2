import { Suspense } from "react";
import { JobsPage } from "@/components/jobs/jobs-page";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Jobs" };

export default function Page() {
  return (
    <>
      <PageHeader title="Jobs" description="Every background job: kind, status, progress, who started it and with which parameters. Failed generation items keep their reason and raw reply and can be retried one by one or all at once." />
      <Suspense><JobsPage /></Suspense>
    </>
  );
}
