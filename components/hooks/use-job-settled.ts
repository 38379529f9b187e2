import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { invalidateAfterJob, TERMINAL } from "@/lib/client/job-effects";

/**
 * Refetches what a job changed once it stops: fires when a job seen queued or running is next seen stopped,
 * so a page that opens on an old finished job does not refetch for nothing.
 */
export function useJobSettled(job: { id: number; kind: string; status: string } | undefined) {
  const qc = useQueryClient();
  const seenActive = useRef<number | null>(null);
  useEffect(() => {
    if (!job) return;
    if (!TERMINAL.has(job.status)) seenActive.current = job.id;
    else if (seenActive.current === job.id) {
      seenActive.current = null;
      invalidateAfterJob(qc, job.kind);
    }
  }, [job?.id, job?.kind, job?.status, qc]); // eslint-disable-line react-hooks/exhaustive-deps
}
