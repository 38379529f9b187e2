import { Suspense } from "react";
import { PairsBrowser } from "@/components/pairs/pairs-browser";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Pairs" };

export default function Page() {
  return (
    <>
      <PageHeader title="Pairs" description="Every question–answer pair: filter by status, type, quality flag, model, prompt, reviewer or text; act on the whole filter at once. Next: review the pending ones, then assemble contexts." />
      <Suspense><PairsBrowser /></Suspense>
    </>
  );
}
