import { Suspense } from "react";
import { DocumentsBrowser } from "@/components/documents/documents-browser";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Documents" };

export default function DocumentsPage() {
  return (
    <>
      <PageHeader title="Documents" description="Raw texts as imported. Open one to see how it was cut into segments." />
      <Suspense><DocumentsBrowser /></Suspense>
    </>
  );
}
