"use client";

import { Sparkles } from "lucide-react";
import { JobProgress } from "@/components/jobs/job-progress";
import { Button } from "@/components/ui/button";
import { ErrorNotice } from "@/components/ui/feedback";
import { ImportResult } from "./import-result";
import { useImport } from "@/components/hooks/use-import";

/** One click loads the shipped demo corpus (1,000 C4 realnewslike documents) as a background import. */
export function DemoLoader({ onStart }: { onStart?: () => void }) {
  const imp = useImport();
  return (
    <div className="w-full max-w-xl space-y-3 text-left">
      {!imp.job && (
        <div className="flex justify-center">
          <Button onClick={() => { onStart?.(); void imp.demo(); }}><Sparkles size={14} aria-hidden /> Load the demo corpus</Button>
        </div>
      )}
      {imp.error && <ErrorNotice error={imp.error} />}
      {imp.job && <JobProgress job={imp.job} unit="bytes"><ImportResult job={imp.job} /></JobProgress>}
    </div>
  );
}
