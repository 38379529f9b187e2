"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Badge, ErrorNotice, SkeletonRows } from "@/components/ui/feedback";
import { Select } from "@/components/ui/fields";
import { DataTable } from "@/components/ui/table";
import { AUDIT_ACTIONS, type AuditEventRow } from "@/lib/auth/audit-actions";
import { api } from "@/lib/client/fetch";
import { fmtTime } from "@/lib/client/format";

const COLOR: Partial<Record<string, "red" | "amber" | "green" | "indigo">> = {
  sign_in_failed: "red", user_removed: "red", user_disabled: "amber", token_revoked: "amber", endpoint_removed: "amber",
  role_changed: "indigo", password_reset: "indigo", endpoint_created: "indigo", endpoint_updated: "indigo", sign_in: "green",
};

/** Security events, newest first, for admins: who did what, to what, from where. */
export function SecurityLogCard() {
  const [action, setAction] = useState("");
  const q = useInfiniteQuery({
    queryKey: ["security-log", { action }],
    initialPageParam: "",
    queryFn: ({ pageParam }) => api<{ events: AuditEventRow[]; next: string | null }>(
      `/api/audit?limit=100${action ? `&action=${action}` : ""}${pageParam ? `&before=${pageParam}` : ""}`),
    getNextPageParam: (last) => last.next ?? undefined,
  });
  const events = q.data?.pages.flatMap((p) => p.events) ?? [];
  return (
    <Card>
      <CardHeader title="Security log" description="Sign-ins and failures, account and role changes, tokens, endpoints and export downloads."
        actions={<div className="w-48"><Select value={action} onChange={(e) => setAction(e.target.value)} aria-label="Filter security events">
          <option value="">all events</option>
          {AUDIT_ACTIONS.map((a) => <option key={a} value={a}>{a.replaceAll("_", " ")}</option>)}
        </Select></div>} />
      {q.error && <div className="p-4"><ErrorNotice error={q.error} /></div>}
      {q.isPending && <div className="p-4"><SkeletonRows rows={5} /></div>}
      {q.data && !events.length && <p className="p-4 text-sm text-zinc-500">No event{action ? ` of this kind` : ""} yet.</p>}
      {events.length > 0 && (
        <DataTable className="w-full min-w-[640px] text-sm" columns={["When", "Event", "Who", "What", "From"]}>
            <tbody>
              {events.map((e) => (
                <tr key={e.id} className="border-b border-zinc-100 align-top dark:border-zinc-800">
                  <td className="whitespace-nowrap px-4 py-1.5 tabular text-zinc-500">{fmtTime(e.createdAt)}</td>
                  <td className="whitespace-nowrap px-4 py-1.5"><Badge color={COLOR[e.action] ?? "gray"}>{e.action.replaceAll("_", " ")}</Badge></td>
                  <td className="px-4 py-1.5">{e.actorEmail ?? <span className="text-zinc-400">server / CLI</span>}</td>
                  <td className="max-w-md px-4 py-1.5 text-zinc-600 dark:text-zinc-400"><div className="break-words">{e.target}</div>{Object.keys(e.detail).length > 0 && <div className="truncate font-mono text-[11px] text-zinc-400" title={JSON.stringify(e.detail)}>{JSON.stringify(e.detail)}</div>}</td>
                  <td className="px-4 py-1.5 font-mono text-xs text-zinc-500">{e.ip ?? ""}</td>
                </tr>
              ))}
            </tbody>
        </DataTable>
      )}
      {q.hasNextPage && <div className="p-3 text-center"><Button variant="secondary" onClick={() => void q.fetchNextPage()} disabled={q.isFetchingNextPage}>Older events</Button></div>}
    </Card>
  );
}
