import Link from "next/link";
import { ComparisonTable } from "@/components/prompts/comparison-table";
import { PromptEditor } from "@/components/prompts/prompt-editor";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Prompts" };

export default function Page() {
  return (
    <>
      <PageHeader title="Generate → Prompts"
        description={<>Edit the generation prompt, try it on five segments, save it as a version, and compare versions by accept rate and cost. From a file: <code>in2 generate --prompt FILE</code>. Back to <Link className="text-indigo-600 hover:underline" href="/generate">Generate</Link>.</>} />
      <div className="space-y-4"><PromptEditor /><ComparisonTable /></div>
    </>
  );
}
