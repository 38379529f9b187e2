import Link from "next/link";
import { ContextPreview } from "@/components/contexts/context-preview";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Context preview" };

export default async function Page({ params, searchParams }: { params: Promise<{ pairId: string }>; searchParams: Promise<{ context?: string }> }) {
  const { pairId } = await params;
  const { context } = await searchParams;
  const contextId = context && /^\d+$/.test(context) ? Number(context) : null;
  return (
    <>
      <PageHeader title={`Context of pair #${pairId}`}
        description="The whole assembled context, evidence outlined by piece; jump to it or click the minimap."
        actions={<Link href="/contexts" className="text-sm text-indigo-600 hover:underline dark:text-indigo-400">← All contexts</Link>} />
      <ContextPreview pairId={Number(pairId)} contextId={contextId} />
    </>
  );
}
