import { Suspense } from "react";
import { SegmentsBrowser } from "@/components/segments/segments-browser";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Segments" };

export default function SegmentsPage() {
  return (
    <>
      <PageHeader title="Segments" description="IN2 segments: whole paragraphs, at least 128 tokens each. Filter, search, or draw a seeded sample — next, generate question–answer pairs from them." />
      <Suspense><SegmentsBrowser /></Suspense>
    </>
  );
}
