"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Badge, ErrorNotice } from "@/components/ui/feedback";
import { Input, Select } from "@/components/ui/fields";
import type { ApiTokenRow } from "@/lib/auth/tokens";
import { api } from "@/lib/client/fetch";
import { fmtTime } from "@/lib/client/format";

const EXPIRY = [["30", "30 days"], ["90", "90 days"], ["365", "1 year"], ["", "never"]] as const;

function state(t: ApiTokenRow): { label: string; color: "red" | "amber" | "green" } {
  if (t.revokedAt) return { label: "revoked", color: "red" };
  if (t.expiresAt && new Date(t.expiresAt).getTime() <= Date.now()) return { label: "expired", color: "amber" };
  return { label: "active", color: "green" };
}

/** Bearer tokens for scripts: shown once at creation, optional expiry, last use; owners and admins revoke them. */
export function TokensCard({ admin }: { admin: boolean }) {
  const qc = useQueryClient();
  const [all, setAll] = useState(false);
  const tokens = useQuery({ queryKey: ["tokens", { all }], queryFn: () => api<{ tokens: ApiTokenRow[] }>(`/api/tokens${all ? "?all=true" : ""}`) });
  const [name, setName] = useState("");
  const [days, setDays] = useState<string>("90");
  const [secret, setSecret] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => api<{ token: string }>("/api/tokens", { method: "POST", json: { name, expiresInDays: days ? Number(days) : null } }),
    onSuccess: (r) => { setSecret(r.token); setName(""); void qc.invalidateQueries({ queryKey: ["tokens"] }); },
  });
  const revoke = useMutation({
    mutationFn: (id: number) => api(`/api/tokens/${id}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["tokens"] }),
  });
  return (
    <Card>
      <CardHeader title="API tokens"
        description={<>For scripts: send the header <code className="rounded bg-zinc-100 px-1 font-mono dark:bg-zinc-800">Authorization: Bearer &lt;token&gt;</code> to the REST API under /api (<a href="/api-docs" className="text-indigo-700 underline dark:text-indigo-300">API docs</a>), or set IN2_URL and IN2_TOKEN for the in2 CLI.</>}
        actions={admin ? <label className="flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400"><input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> everyone&apos;s</label> : undefined} />
      <form className="flex flex-wrap items-center gap-2 p-4" onSubmit={(e) => { e.preventDefault(); create.mutate(); }}>
        <div className="min-w-48 flex-1"><Input value={name} onChange={(e) => setName(e.target.value)} placeholder="token name, e.g. nightly export" aria-label="Token name" maxLength={100} /></div>
        <div className="w-40 shrink-0">
          <Select value={days} onChange={(e) => setDays(e.target.value)} aria-label="Token expires after">
            {EXPIRY.map(([v, l]) => <option key={l} value={v}>expires: {l}</option>)}
          </Select>
        </div>
        <Button type="submit" className="shrink-0" disabled={!name.trim() || create.isPending}>Create token</Button>
      </form>
      {secret && (
        <div className="mx-4 mb-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm dark:border-emerald-900 dark:bg-emerald-950/30">
          <div className="mb-1.5">Copy it now — it is not shown again:</div>
          <div className="flex items-center gap-2"><code className="min-w-0 flex-1 break-all rounded bg-white/70 px-2 py-1 font-mono dark:bg-zinc-900/70" data-testid="new-token">{secret}</code><CopyButton value={secret} label="Copy token" /></div>
        </div>
      )}
      {(create.error || revoke.error || tokens.error) && <div className="px-4 pb-4"><ErrorNotice error={create.error ?? revoke.error ?? tokens.error} /></div>}
      {tokens.data && !tokens.data.tokens.length && <p className="px-4 pb-4 text-sm text-zinc-500">No token yet — create one above for a script or the CLI (IN2_TOKEN).</p>}
      <ul className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
        {tokens.data?.tokens.map((t) => {
          const s = state(t);
          return (
            <li key={t.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2">
              <span className="font-medium">{t.name}</span>
              <code className="font-mono text-xs text-zinc-500">{t.prefix}…</code>
              {all && <span className="text-xs text-zinc-600 dark:text-zinc-400">{t.userEmail}</span>}
              <Badge color={s.color}>{s.label}</Badge>
              <span className="text-xs text-zinc-500">created {fmtTime(t.createdAt)} · last used {t.lastUsedAt ? fmtTime(t.lastUsedAt) : "never"} · {t.expiresAt ? `expires ${fmtTime(t.expiresAt)}` : "no expiry"}</span>
              <span className="ml-auto">{s.label === "active" && <Button variant="danger" onClick={() => revoke.mutate(t.id)} aria-label={`Revoke token ${t.name}`}>Revoke</Button>}</span>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
