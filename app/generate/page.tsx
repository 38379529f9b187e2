import { JobsList } from "@/components/jobs/jobs-list";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Generate & Jobs" };

export default function GeneratePage() {
  return (
    <>
      <PageHeader title="Generate & Jobs" description="Question–answer generation runs as background jobs; every job of the app is listed here." />
      <JobsList />
    </>
  );
}
