"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Badge, ErrorNotice } from "@/components/ui/feedback";
import { Input } from "@/components/ui/fields";
import { api } from "@/lib/client/fetch";
import { fmtTime } from "@/lib/client/format";
import type { ApiTokenRow } from "@/lib/auth/tokens";
import { CopyButton } from "@/components/ui/copy-button";

/** Bearer tokens for scripts: the secret is shown once, at creation; revoked tokens stop working at once. */
export function TokensCard() {
  const qc = useQueryClient();
  const tokens = useQuery({ queryKey: ["tokens"], queryFn: () => api<{ tokens: ApiTokenRow[] }>("/api/tokens") });
  const [name, setName] = useState("");
  const [secret, setSecret] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => api<{ token: string }>("/api/tokens", { method: "POST", json: { name } }),
    onSuccess: (r) => { setSecret(r.token); setName(""); void qc.invalidateQueries({ queryKey: ["tokens"] }); },
  });
  const revoke = useMutation({
    mutationFn: (id: number) => api(`/api/tokens/${id}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["tokens"] }),
  });
  return (
    <Card>
      <CardHeader title="API tokens" description={<>For scripts: send the header <code className="rounded bg-zinc-100 px-1 font-mono dark:bg-zinc-800">Authorization: Bearer &lt;token&gt;</code> to the REST API under /api.</>} />
      <form className="flex items-center gap-2 p-4" onSubmit={(e) => { e.preventDefault(); create.mutate(); }}>
        <Input value={name} onChange={(e) => setName(e.target.value)} placeholder="token name, e.g. nightly export" aria-label="Token name" />
        <Button type="submit" className="shrink-0" disabled={!name.trim() || create.isPending}>Create token</Button>
      </form>
      {secret && (
        <div className="mx-4 mb-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm dark:border-emerald-900 dark:bg-emerald-950/30">
          <div className="mb-1.5">Copy it now — it is not shown again:</div>
          <div className="flex items-center gap-2"><code className="min-w-0 flex-1 break-all rounded bg-white/70 px-2 py-1 font-mono dark:bg-zinc-900/70" data-testid="new-token">{secret}</code><CopyButton value={secret} label="Copy token" /></div>
        </div>
      )}
      {(create.error || revoke.error || tokens.error) && <div className="px-4 pb-4"><ErrorNotice error={create.error ?? revoke.error ?? tokens.error} /></div>}
      <ul className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
        {tokens.data?.tokens.map((t) => (
          <li key={t.id} className="flex items-center gap-3 px-4 py-2">
            <span className="font-medium">{t.name}</span>
            <code className="font-mono text-xs text-zinc-500">{t.prefix}…</code>
            <span className="text-xs text-zinc-500">created {fmtTime(t.createdAt)} · last used {fmtTime(t.lastUsedAt)}</span>
            <span className="ml-auto">{t.revokedAt ? <Badge color="red">revoked</Badge> : <Button variant="danger" onClick={() => revoke.mutate(t.id)}>Revoke</Button>}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
