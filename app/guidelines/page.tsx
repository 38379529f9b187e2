import { GuidelinesEditor } from "@/components/guidelines/guidelines-editor";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Guidelines" };

export default function Page() {
  return (
    <>
      <PageHeader title="Review guidelines" description="What reviewers accept, reject and flag. One key away in review (g); every decision records the version in force." />
      <GuidelinesEditor />
    </>
  );
}
