import { Dashboard } from "@/components/dashboard/dashboard";
import { PageHeader } from "@/components/ui/page-header";

export default function HomePage() {
  return (
    <>
      <PageHeader title="Dashboard" description="Information-intensive (IN2) training data for long-context models, from corpus to export." />
      <Dashboard />
    </>
  );
}
