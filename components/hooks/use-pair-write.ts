import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { api, ApiError } from "@/lib/client/fetch";
import { keys } from "@/lib/client/query-keys";
import type { PatchPairBody } from "@/lib/pairs/schemas";
import type { PairDetail, PairWriteResult } from "@/lib/pairs/types";

/** A 409 from a pair write: the pair as the server has it now. */
export function conflictOf(err: unknown): PairDetail | null {
  if (err instanceof ApiError && err.code === "conflict" && err.body.current && typeof err.body.current === "object")
    return err.body.current as PairDetail;
  return null;
}

/**
 * The two writes on one pair (PATCH with a version, undo of an event). Afterwards lists, counts and the pair's
 * history are stale; the overview is left to its own interval so a fast reviewer does not re-run it per key.
 */
export function usePairWrite() {
  const client = useQueryClient();
  const settle = useCallback((r: PairWriteResult) => {
    client.setQueryData(keys.pair(r.pair.id), r.pair);
    for (const queryKey of [["pairs", "list"], ["pairs", "count"], keys.pairHistory(r.pair.id)])
      void client.invalidateQueries({ queryKey });
    return r;
  }, [client]);
  const patch = useCallback((id: number, body: PatchPairBody) =>
    api<PairWriteResult>(`/api/pairs/${id}`, { method: "PATCH", json: body }).then(settle), [settle]);
  const undo = useCallback((id: number, eventId: number) =>
    api<PairWriteResult>(`/api/pairs/${id}/undo`, { method: "POST", json: { eventId } }).then(settle), [settle]);
  return { patch, undo };
}
